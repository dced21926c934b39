using System.Xml;
using CosQualityEstimate.Emulator.Http;
using CosQualityEstimate.Emulator.Jobs;
using CosQualityEstimate.Emulator.Security;
using CosQualityEstimate.Emulator.Xml;
using CosQualityEstimate.Emulator.Wire;
using Microsoft.AspNetCore.Http;

namespace CosQualityEstimate.Emulator.Routing;

/// <summary>The emulated routes of the CI jobs API: authenticate, route, validate, act. Never writes the response itself.</summary>
internal sealed class JobsApi
{
    private const int MaxJobIdsPerDescribe = 100;

    private readonly JobStore _store;
    private readonly SignatureVerifier? _verifier;
    private readonly Objects.ObjectsApi? _objects;
    private readonly Snapshots.SnapshotRoute? _snapshots;
    private readonly Batches.BatchesApi? _batches;
    private readonly XmlReadMeter? _xmlMeter;

    internal JobsApi(JobStore store, SignatureVerifier? verifier, Objects.ObjectsApi? objects = null, Batches.BatchesApi? batches = null, XmlReadMeter? xmlMeter = null, Snapshots.SnapshotRoute? snapshots = null)
    {
        _snapshots = snapshots;
        _xmlMeter = xmlMeter;
        _store = store;
        _verifier = verifier;
        _objects = objects;
        _batches = batches;
    }

    internal async Task<EmulatorResponse> HandleAsync(HttpContext context, List<KeyValuePair<string, string>> query, string requestId)
    {
        var request = context.Request;
        if (_verifier?.Verify(request, query) is { } failure)
        {
            return Responses.Error(failure.Status, failure.Code, failure.Message, requestId);
        }

        var path = request.Path.HasValue ? request.Path.Value!.TrimEnd('/') : string.Empty;

        // The batch processing jobs API lives on the CI host next to /jobs.
        if (_batches is not null && !request.Host.Host.Contains(".cos.", StringComparison.OrdinalIgnoreCase) && Batches.BatchesApi.IsBatchPath(path))
        {
            return await _batches.HandleAsync(request, path, query, requestId).ConfigureAwait(false);
        }

        // A <bucket>.cos.<region> Host is the object API for every path; on any other Host /jobs and /jobs/<id> are jobs.
        if (_objects is not null && (request.Host.Host.Contains(".cos.", StringComparison.OrdinalIgnoreCase) || !Objects.ObjectRoutes.IsJobsPath(path)))
        {
            // CI's GetSnapshot (GET /<key>?ci-process=snapshot) is an object-host route of its own, as the object API
            // would have dispatched it: never on the bucket itself, never with an uploadId (List Parts).
            if (_snapshots is not null && request.Method == "GET" && Snapshots.SnapshotRoute.IsSnapshot(query) && RawQuery.Get(query, "uploadId") is null
                && request.Path.HasValue && request.Path.Value!.Length > 1)
            {
                return await _snapshots.GetAsync(request.Path.Value![1..], query, requestId, context.RequestAborted).ConfigureAwait(false);
            }

            return await _objects.HandleAsync(context, query, requestId).ConfigureAwait(false);
        }

        if (path == "/jobs")
        {
            return request.Method switch
            {
                "POST" => await SubmitAsync(request, requestId).ConfigureAwait(false),
                "GET" => List(query, requestId),
                _ => NotAllowed(request.Method, "/jobs", requestId),
            };
        }

        if (path.StartsWith("/jobs/", StringComparison.Ordinal) && path.Length > "/jobs/".Length && path.IndexOf('/', "/jobs/".Length) < 0)
        {
            var ids = path["/jobs/".Length..];
            return request.Method switch
            {
                "GET" => Describe(ids, requestId),
                "PUT" => Cancel(ids, query, requestId),
                _ => NotAllowed(request.Method, "/jobs/<id>", requestId),
            };
        }

        return Responses.Error(404, ErrorCodes.NoSuchResource, $"The resource {request.Path} does not exist.", requestId);
    }

    private static EmulatorResponse NotAllowed(string method, string route, string requestId) =>
        Responses.Error(405, ErrorCodes.MethodNotAllowed, $"The method {method} is not allowed on {route}.", requestId);

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > EmulatorXml.MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private async Task<EmulatorResponse> SubmitAsync(HttpRequest request, string requestId)
    {
        var body = await ReadBodyAsync(request).ConfigureAwait(false);
        JobRequestXml? parsed = null;
        if (body is { Length: > 0 })
        {
            try
            {
                parsed = RequestXmlReader.Read(body, _xmlMeter);
            }
            catch (Exception ex) when (ex is XmlException or InvalidOperationException)
            {
                parsed = null;
            }
        }

        if (parsed is null)
        {
            return Responses.Error(400, ErrorCodes.MalformedXml, "The XML you provided was not well-formed or did not validate against the schema.", requestId);
        }

        if (SubmitRequestValidator.Validate(parsed) is { } problem)
        {
            return Responses.Error(400, ErrorCodes.InvalidArgument, problem, requestId);
        }

        var detail = _store.Submit(SubmitRequestValidator.Normalize(parsed));
        return Responses.Ok(new JobsResponseXml { JobsDetail = { detail } });
    }

    private EmulatorResponse List(List<KeyValuePair<string, string>> query, string requestId)
    {
        if (JobListQuery.TryParse(query, out var listQuery) is { } problem)
        {
            return Responses.Error(400, ErrorCodes.InvalidArgument, problem, requestId);
        }

        var (page, next) = _store.List(listQuery);
        return Responses.Ok(new JobsResponseXml { JobsDetail = page, NextToken = next });
    }

    private EmulatorResponse Describe(string ids, string requestId)
    {
        var split = ids.Split(',');
        if (split.Length > MaxJobIdsPerDescribe || Array.Exists(split, id => id.Length == 0))
        {
            return Responses.Error(400, ErrorCodes.InvalidArgument, $"jobId must be 1 to {MaxJobIdsPerDescribe} non-empty ids separated by commas", requestId);
        }

        var response = new JobsResponseXml();
        foreach (var id in split)
        {
            if (_store.Get(id) is { } detail)
            {
                response.JobsDetail.Add(detail);
            }
            else
            {
                response.NonExistJobIds.Add(id);
            }
        }

        return Responses.Ok(response);
    }

    private EmulatorResponse Cancel(string id, List<KeyValuePair<string, string>> query, string requestId)
    {
        if (RawQuery.Get(query, "cancel") is null)
        {
            return Responses.Error(400, ErrorCodes.InvalidArgument, "PUT /jobs/<id> requires the cancel parameter", requestId);
        }

        if (id.Contains(',', StringComparison.Ordinal))
        {
            return Responses.Error(400, ErrorCodes.InvalidArgument, "only one job can be canceled per request", requestId);
        }

        var (detail, refusedState) = _store.Cancel(id);
        if (detail is not null)
        {
            return Responses.Ok(new JobsResponseXml { JobsDetail = { detail } });
        }

        return refusedState is null
            ? Responses.Error(404, ErrorCodes.NoSuchJob, $"job {id} does not exist", requestId)
            : Responses.Error(400, ErrorCodes.FailedOperation, $"job {id} is {refusedState}; only Submitted or Pause jobs can be canceled", requestId);
    }
}
