using CosQualityEstimate.Emulator.Http;
using CosQualityEstimate.Emulator.Xml;
using Microsoft.AspNetCore.Http;

namespace CosQualityEstimate.Emulator.Batches;

/// <summary>
/// The emulated routes of the CI batch processing jobs API (already authenticated by <c>Routing.JobsApi</c>):
/// <c>POST /inventorytriggerjob</c>, <c>GET /inventorytriggerjob</c>, <c>GET /inventorytriggerjob/&lt;id&gt;</c>,
/// <c>PUT /inventorytriggerjob/&lt;id&gt;?cancel</c>.
/// </summary>
internal sealed class BatchesApi
{
    internal const string Root = "/inventorytriggerjob";

    private readonly BatchStore _store;

    private readonly XmlReadMeter? _xmlMeter;

    internal BatchesApi(BatchStore store, XmlReadMeter? xmlMeter = null)
    {
        _store = store;
        _xmlMeter = xmlMeter;
    }

    /// <summary>Whether <paramref name="trimmedPath"/> is one of this API's routes.</summary>
    internal static bool IsBatchPath(string trimmedPath) =>
        trimmedPath == Root || (trimmedPath.StartsWith(Root + "/", StringComparison.Ordinal) && trimmedPath.IndexOf('/', Root.Length + 1) < 0);

    internal async Task<EmulatorResponse> HandleAsync(HttpRequest request, string path, List<KeyValuePair<string, string>> query, string requestId)
    {
        if (path == Root)
        {
            return request.Method switch
            {
                "POST" => await CreateAsync(request, requestId).ConfigureAwait(false),
                "GET" => List(query, requestId),
                _ => Responses.Error(405, ErrorCodes.MethodNotAllowed, $"The method {request.Method} is not allowed on {Root}.", requestId),
            };
        }

        var id = path[(Root.Length + 1)..];
        return request.Method switch
        {
            "GET" => Describe(id, requestId),
            "PUT" => Cancel(id, query, requestId),
            _ => Responses.Error(405, ErrorCodes.MethodNotAllowed, $"The method {request.Method} is not allowed on {Root}/<id>.", requestId),
        };
    }

    private static EmulatorResponse Ok(byte[] body) => new(200, Responses.XmlContentType, body);

    private async Task<EmulatorResponse> CreateAsync(HttpRequest request, string requestId)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > EmulatorXml.MaxBodyBytes)
            {
                return Responses.Error(400, ErrorCodes.MalformedXml, "The request body is too large.", requestId);
            }

            buffer.Write(chunk, 0, read);
        }

        var parsed = BatchRequestReader.Read(buffer.ToArray(), out var problem, out var malformed, _xmlMeter);
        if (parsed is null)
        {
            return Responses.Error(400, malformed ? ErrorCodes.MalformedXml : ErrorCodes.InvalidArgument, problem!, requestId);
        }

        var created = _store.Create(parsed, out problem);
        return created is null
            ? Responses.Error(400, ErrorCodes.InvalidArgument, problem!, requestId)
            : Ok(BatchXmlWriter.Write(requestId, new[] { created }));
    }

    private EmulatorResponse List(List<KeyValuePair<string, string>> query, string requestId)
    {
        if (BatchListQuery.TryParse(query, out var listQuery) is { } problem)
        {
            return Responses.Error(400, ErrorCodes.InvalidArgument, problem, requestId);
        }

        var (page, next) = _store.List(listQuery);
        return Ok(BatchXmlWriter.Write(requestId, page, null, next));
    }

    private EmulatorResponse Describe(string id, string requestId) =>
        _store.Get(id) is { } batch
            ? Ok(BatchXmlWriter.Write(requestId, new[] { batch }))
            : Ok(BatchXmlWriter.Write(requestId, Array.Empty<BatchView>(), new[] { id }));

    private EmulatorResponse Cancel(string id, List<KeyValuePair<string, string>> query, string requestId)
    {
        if (RawQuery.Get(query, "cancel") is null)
        {
            return Responses.Error(400, ErrorCodes.InvalidArgument, $"PUT {Root}/<id> requires the cancel parameter", requestId);
        }

        var (batch, refused) = _store.Cancel(id);
        if (batch is not null)
        {
            return Ok(BatchXmlWriter.Write(requestId, new[] { batch }));
        }

        return refused is null
            ? Responses.Error(404, ErrorCodes.NoSuchJob, $"batch {id} does not exist", requestId)
            : Responses.Error(400, ErrorCodes.FailedOperation, $"batch {id} is {refused}; it can no longer be canceled", requestId);
    }
}
