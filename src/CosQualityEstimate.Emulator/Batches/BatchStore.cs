using System.Globalization;
using CosQualityEstimate.Emulator.Jobs;
using CosQualityEstimate.Emulator.Objects;
using CosQualityEstimate.Emulator.Wire;

namespace CosQualityEstimate.Emulator.Batches;

/// <summary>
/// The batch processing jobs. A batch fans out at creation into one ordinary QualityEstimate job per object (through
/// <see cref="JobStore"/>: same queue, state machine, labels and opt-in analysis); its own state is derived from its jobs
/// on every read: Failed when its input could not be read (a manifest's missing data file), Cancel once canceled, Success when every job ended, Running once one started, else Submitted.
/// </summary>
internal sealed class BatchStore
{
    private readonly object _gate = new();
    private readonly List<EmulatedBatch> _batches = new();
    private readonly Dictionary<string, EmulatedBatch> _byId = new(StringComparer.Ordinal);
    private readonly JobStore _jobs;
    private readonly ObjectStore _objects;
    private readonly TimeProvider _time;

    internal BatchStore(JobStore jobs, ObjectStore objects, TimeProvider time)
    {
        _jobs = jobs;
        _objects = objects;
        _time = time;
    }

    internal int Count
    {
        get
        {
            lock (_gate)
            {
                return _batches.Count;
            }
        }
    }

    /// <summary>Creates the batch and its jobs; returns it, or <see langword="null"/> with the reason the input could not be read.</summary>
    internal BatchView? Create(BatchRequest request, out string? problem)
    {
        var keys = BatchInputResolver.Resolve(request, _objects, out problem, out var failure);
        if (keys is null)
        {
            return null;
        }

        var normalized = new List<JobRequestXml>(keys.Count);
        foreach (var key in keys)
        {
            var template = request.JobTemplate;
            normalized.Add(SubmitRequestValidator.Normalize(new JobRequestXml
            {
                Tag = template.Tag,
                Input = new JobInputXml { Object = key },
                Operation = template.Operation,
                CallBack = template.CallBack,
                CallBackFormat = template.CallBackFormat,
                CallBackType = template.CallBackType,
                CallBackMqConfig = template.CallBackMqConfig,
            }));
        }

        lock (_gate)
        {
            var sequence = _batches.Count + 1L;
            var id = "b" + sequence.ToString("x32", CultureInfo.InvariantCulture);
            var created = _time.GetUtcNow();
            var ids = _jobs.SubmitForBatch(normalized, id);
            var batch = new EmulatedBatch(sequence, id, request, created, ids) { FailureMessage = failure };
            _batches.Add(batch);
            _byId.Add(id, batch);
            return View(batch);
        }
    }

    internal BatchView? Get(string id)
    {
        lock (_gate)
        {
            return _byId.TryGetValue(id, out var batch) ? View(batch) : null;
        }
    }

    /// <summary>One page of batches matching <paramref name="query"/>, and the token of the next page.</summary>
    internal (List<BatchView> Page, string? NextToken) List(BatchListQuery query)
    {
        lock (_gate)
        {
            var matches = new List<BatchView>();
            IEnumerable<EmulatedBatch> ordered = query.Ascending ? _batches : Enumerable.Reverse(_batches);
            foreach (var batch in ordered)
            {
                if ((query.AfterSequence is { } after && (query.Ascending ? batch.Sequence <= after : batch.Sequence >= after))
                    || (query.Name is not null && query.Name != batch.Request.Name)
                    || (query.JobId is not null && query.JobId != batch.Id)
                    || (query.StartCreationTime is { } from && batch.CreationTime < from)
                    || (query.EndCreationTime is { } to && batch.CreationTime > to))
                {
                    continue;
                }

                var view = View(batch);
                if (query.States is null || query.States.Contains(view.State))
                {
                    matches.Add(view);
                }

                if (matches.Count > query.Size)
                {
                    break;
                }
            }

            var next = matches.Count > query.Size ? BatchListQuery.EncodeToken(matches[query.Size - 1].Batch.Sequence) : null;
            return (matches.Take(query.Size).ToList(), next);
        }
    }

    /// <summary>Cancels the batch and its jobs that have not started. Returns the batch, or the refusing state, or neither for an unknown id.</summary>
    internal (BatchView? Batch, string? RefusedState) Cancel(string id)
    {
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var batch))
            {
                return (null, null);
            }

            var view = View(batch);
            if (view.State is JobStates.Success or JobStates.Failed or JobStates.Cancel)
            {
                return (null, view.State);
            }

            batch.CanceledAt = _time.GetUtcNow();
            _jobs.CancelNotStarted(batch.JobIds);
            return (View(batch), null);
        }
    }

    private BatchView View(EmulatedBatch batch)
    {
        var (total, ended, started, firstStart, lastEnd) = _jobs.Summarize(batch.JobIds);
        string state;
        DateTimeOffset? end = null;
        if (batch.FailureMessage is not null)
        {
            state = JobStates.Failed;
            end = batch.CreationTime;
        }
        else if (batch.CanceledAt is { } canceled)
        {
            state = JobStates.Cancel;
            end = canceled;
        }
        else if (ended == total)
        {
            state = JobStates.Success;
            end = lastEnd ?? batch.CreationTime;
        }
        else
        {
            state = started > 0 || ended > 0 ? JobStates.Running : JobStates.Submitted;
        }

        var progress = total == 0 ? 100 : ended * 100 / total;
        return new BatchView(batch, state, progress, firstStart ?? (state == JobStates.Success ? batch.CreationTime : null), end);
    }
}

/// <summary>A batch as read now: its derived state, progress (percent of its jobs ended), start and end times.</summary>
internal sealed record BatchView(EmulatedBatch Batch, string State, int Progress, DateTimeOffset? StartTime, DateTimeOffset? EndTime);
