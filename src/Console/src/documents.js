// Every GraphQL document the console sends, by operation name. They are registered with the gateway as trusted
// documents (clients/documents/console/<Name>.graphql, written by `npm run documents`), so a production gateway
// that accepts only known documents serves the console. Pages import from here and never write a document inline:
// `npm run documents -- --check` (run by the console tests) fails on a stale registration or an inline document.

const statsFields = `activeListings newListings sold gmv sellThroughRate avgDaysToSell views conversionRate
  disputeRate refundRate inspectionPassRate slowMoving
  ageing { d0to30 d31to60 d61to90 over90 }
  priceBands { min max activeListings sold }
  gradeMix { grade activeListings sold }`;

const alertFields = 'kind severity message at item { id title } seller { id displayName } category { id name }';

const dashboardFields = `
  stats(window: $window) { ${statsFields} daily(days: $days) { date newListings sold gmv } }
  topCategories(first: 8) { id name stats(window: $window) { sold gmv activeListings sellThroughRate } }
  topRegions(first: 8) { id name stats(window: $window) { sold gmv activeListings sellThroughRate } }
  alerts(first: 12) { ${alertFields} }`;

const inspectionFields = 'id status price withInspection history { status at } inspection { id status } item { id title description claimedGrade accessoriesComplete category { name } }';
const disputeFields = `id status price fee item { id title } buyer { id } seller { id displayName }
  dispute { reason openedAt outcome refundAmount resolvedAt } history { status at note } ledger { kind amount party at }`;
const saleFields = 'id status price item { id title } history { status at } dispute { reason openedAt }';
const orderResult = 'order { id status } errors { code message field }';
const queue = (name, fields) => `query ${name}($filter: OrderFilter, $first: Int, $after: String) {
  orders(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { ${fields} } } }`;

export const documents = {
  Viewer: 'query Viewer { viewer { id displayName roles } }',

  Market: `query Market($window: StatsWindow!, $days: Int!) { dashboard { ${dashboardFields} } }`,
  MarketLive: `subscription MarketLive($window: StatsWindow!, $days: Int!) { dashboardChanged { ${dashboardFields} } }`,
  Sharing: 'query Sharing($window: StatsWindow!) { dashboard { stats(window: $window) { offers { made acceptanceRate } rentals { active utilizationRate } } } }',
  Category: `query Category($id: ID!, $window: StatsWindow!) {
  category(id: $id) { id name highValue parent { id name } stats(window: $window) { ${statsFields} }
    referencePrices { grade sampleSize median floor ceiling suggested } }
  categories { id name parent { id } stats(window: $window) { sold gmv activeListings sellThroughRate } } }`,
  Region: `query Region($id: ID!, $window: StatsWindow!) { region(id: $id) { id name stats(window: $window) { ${statsFields} } } }`,

  Alerts: `query Alerts { dashboard { alerts(first: 100) { ${alertFields} } } }`,
  AlertRaised: `subscription AlertRaised { alertRaised { ${alertFields} } }`,

  InspectionQueue: queue('InspectionQueue', inspectionFields),
  ReceiveParcel: `mutation ReceiveParcel($i: OrderIdInput!) { receiveForInspection(input: $i) { ${orderResult} } }`,
  SubmitInspectionReport: `mutation SubmitInspectionReport($i: InspectionReportInput!) { submitInspectionReport(input: $i) { ${orderResult} } }`,

  DisputeQueue: queue('DisputeQueue', disputeFields),
  DisputedOrder: `query DisputedOrder($id: ID!) { order(id: $id) { ${disputeFields} } }`,
  ResolveDispute: `mutation ResolveDispute($i: ResolveDisputeInput!) { resolveDispute(input: $i) { ${orderResult} } }`,

  SellerTrust: `query SellerTrust($id: ID!) { seller(id: $id) { id displayName creditScore creditBand level
  creditFactors { name contribution detail }
  stats { listed sold gmv sellThroughRate avgDaysToSell medianDaysToSell completedOrders sellerCancellations
    lateShipmentRate defectRate disputeRate descriptionMismatches authenticityFailures averageRating } } }`,
  SellerSales: `query SellerSales($id: ID!) { seller(id: $id) {
  recent: sales(first: 10) { totalCount nodes { ${saleFields} } }
  disputes: sales(status: DISPUTED, first: 20) { totalCount nodes { ${saleFields} } } } }`,
  SellerOfOrder: 'query SellerOfOrder($id: ID!) { order(id: $id) { id status item { title } seller { id } } }',
  SellerOfItem: 'query SellerOfItem($id: ID!) { item(id: $id) { id title status price seller { id } } }',
};
