using Marketplace.GraphQL.Transport.Http;

namespace Marketplace.GraphQL.Transport;

/// <summary>Turns a request's document id into its text, and enforces <see cref="TrustedDocumentOptions.Required"/>; shared by HTTP and WebSockets.</summary>
internal static class TrustedDocumentResolution
{
    public const string NotFoundCode = "PERSISTED_QUERY_NOT_FOUND";
    public const string RequiredCode = "TRUSTED_DOCUMENT_REQUIRED";

    public static RequestParameters Resolve(RequestParameters parameters, TrustedDocumentOptions options)
    {
        if (!parameters.IsValid) return parameters;
        if (parameters.DocumentId is { } id)
        {
            if (options.Store?.Find(id) is not { } document)
                return RequestParameters.Invalid($"Unknown document id '{id}': send the document's text, or register it with the gateway.", NotFoundCode);
            if (parameters.Query is { } text && !string.Equals(text, document, StringComparison.Ordinal))
                return RequestParameters.Invalid($"The query text does not match document '{id}'.");
            return parameters with { Query = document };
        }

        if (options.Required && parameters.Query is { } query && options.Store?.Contains(query) != true)
            return RequestParameters.Invalid("This gateway accepts only trusted documents: send the documentId of a registered document.", RequiredCode);
        return parameters;
    }
}
