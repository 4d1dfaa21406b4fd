// The tests start clusters of real processes and measure failover times on a small shared machine:
// one test at a time keeps those timings about the cluster, not about the other tests.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
