using System.Globalization;
using System.Net;
using System.Text;
using CosQualityEstimate.Cli.Batch;
using CosQualityEstimate.Cli.Batch.ServerSide;
using CosQualityEstimate.Cli.Journal;
using CosQualityEstimate.Jobs;
using CosQualityEstimate.Signing;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace CosQualityEstimate.Cli.Tests;

/// <summary>
/// Issue 23 §2, "each round costs what changed, not the whole batch and the whole journal", proved by counting. A
/// scripted service (an in-process <see cref="HttpMessageHandler"/>, no socket) serves one batch of 600 jobs whose jobs
/// appear and change round by round as the test says; it counts every request by kind (batch describe, list page, job
/// lookup) per round, and the journal's connection counts the statements, rows read and rows written per round. Every
/// round's cost is asserted against what changed in it: list pages ≤ ceil(new/100) + 1, lookups exactly the open jobs the
/// listing did not return (50 a call), rows written = one insert per new job + one update per changed job, no rows read
/// but the new keys' own rows. The clock is a <see cref="FakeTimeProvider"/> advanced only when the runner waits for its
/// next round (signalled by its timer), so nothing depends on real time.
/// </summary>
public sealed class ServerSideRoundCostTests : IDisposable
{
    private const string BatchId = "b00000000000000000000000000000001";
    private const int Total = 600;
    private const int PageSize = 100;
    private const int PerLookup = 50;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(1234);

    private readonly TempDir _dir = new();
    private readonly ITestOutputHelper _output;

    public ServerSideRoundCostTests(ITestOutputHelper output) => _output = output;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Each_round_costs_what_changed_in_requests_and_journal_rows_not_the_batch_size()
    {
        var clock = new RoundClock();
        var service = new ScriptedService();
        var random = new Random(23);

        // The script: what the service holds when round r starts (r = 1, 2, ...).
        service.Script = round =>
        {
            switch (round)
            {
                case 1:
                    service.AddJobs(250); // the service has created the first 250 jobs
                    break;
                case 2:
                    service.AddJobs(Total - 250); // the rest; a few of the first page start running
                    service.Set(Enumerable.Range(0, 5), "Running");
                    break;
                case 3:
                    service.Set(Enumerable.Range(0, 480), "Success"); // a big change: most of the batch ends at once
                    break;
                case 4:
                    break; // a quiet round: nothing changed
                case >= 5 and <= 14:
                    // k = 7 of the 120 open jobs change per round (Submitted to Running, or to Success), on the pages the
                    // listing does not return again and on the last one, which it does.
                    var pick = round % 2 == 1 ? service.Indexes("Submitted") : service.OpenIndexes();
                    service.Set(pick.OrderBy(_ => random.Next()).Take(7), round % 2 == 1 ? "Running" : "Success");
                    break;
                default:
                    service.Set(service.OpenIndexes(), "Success"); // everything ends, and the batch with it
                    service.BatchState = "Success";
                    break;
            }
        };

        var journalPath = _dir.File("rounds.db");
        using var store = BatchJournal.OpenServerSide(journalPath, clock);
        var row = store.ServerBatch!.Intend("cosqe-rounds", BatchInputKinds.Name(BatchInputKind.Prefix), "p/");
        store.ServerBatch.RecordBatchId(row.Name, BatchId);
        service.Journal = store;

        using var http = new HttpClient(service);
        using var client = new JobsClient(http, new JobsClientOptions { Bucket = "examplebucket-1250000000", Region = "ap-guangzhou", Endpoint = new Uri("http://127.0.0.1:9/"), Credential = new CosCredential("AKIDEXAMPLE00000000000000000000", "exampleKey000000000000000000000"), TimeProvider = clock });
        var progress = new List<BatchProgress>();
        var runner = new ServerSideBatchRunner(client, store, store.ServerBatch, new ServerSideBatchOptions { PollInterval = Poll, ProgressInterval = TimeSpan.Zero }, clock)
        {
            OnProgress = progress.Add,
        };

        var result = await DriveAsync(clock, runner.RunAsync(CancellationToken.None));
        service.EndRound();

        Assert.Equal(Total, result.Counts.Keys);
        Assert.Equal(Total, result.Counts.Succeeded);
        Assert.Equal("Success", result.BatchState);
        var rounds = service.Rounds;
        Assert.Equal(15, rounds.Count);

        foreach (var r in rounds)
        {
            _output.WriteLine($"round {r.Number}: {r}");
        }

        foreach (var r in rounds)
        {
            var where = $"round {r.Number}: {r}";
            var last = r == rounds[^1] ? 1 : 0; // after the last round the run reads the journal's totals once (one statement, one row)
            Assert.True(r.Describes == 1, where);
            Assert.True(r.ListPages <= (r.NewJobs + PageSize - 1) / PageSize + 1, where);
            Assert.True(r.LookedUp.SetEquals(r.OpenNotListed), where + $" looked up {r.LookedUp.Count}, open and not listed {r.OpenNotListed.Count}");
            Assert.True(r.Lookups == (r.OpenNotListed.Count + PerLookup - 1) / PerLookup, where);
            Assert.True(r.RowsWritten == r.NewJobs + r.ChangedJobs, where);
            Assert.True(r.RowsRead == r.NewJobs + last, where); // the new keys' own rows (their sequence numbers); nothing else
            Assert.True(r.Statements <= (r.NewJobs > 0 ? 3 : r.ChangedJobs > 0 ? 1 : 0) + last, where);
        }

        // The rounds after the batch was listed whole cost what changed in them, far below the batch's 600 jobs.
        Assert.Equal((3, 0, 500, 250), (rounds[0].ListPages, rounds[0].Lookups, rounds[0].RowsWritten, rounds[0].RowsRead));
        Assert.Equal((4, 4), (rounds[1].ListPages, rounds[1].Lookups));
        Assert.Equal((0L, 0L, 0L), (rounds[3].RowsWritten, rounds[3].RowsRead, rounds[3].Statements)); // the quiet round
        foreach (var r in rounds.Skip(4).Take(10))
        {
            Assert.Equal(1, r.ListPages); // the last page only
            Assert.True(r.Lookups <= 1, r.ToString()); // the 20 open jobs of the pages before it
            Assert.Equal(7, r.ChangedJobs);
            Assert.Equal(7, r.RowsWritten);
        }

        // Progress came from the run's own totals (every round, with no journal reads), and agrees with the journal.
        Assert.Equal(rounds.Count, progress.Count);
        Assert.Equal(store.Count(), progress[^1].Now);
        Assert.All(store.ReadAll(), r => Assert.Equal(JournalState.Success, r.State));
    }

    [Fact]
    public async Task A_resumed_collection_reads_the_journal_once_and_rewrites_nothing_that_did_not_change()
    {
        var clock = new RoundClock();
        var service = new ScriptedService();
        var journalPath = _dir.File("resume.db");

        // A first run collected the 600 jobs while most ran, and was stopped after its second round.
        service.Script = round =>
        {
            if (round == 1)
            {
                service.AddJobs(Total);
                service.Set(Enumerable.Range(0, 590), "Success");
            }
        };
        using (var store = BatchJournal.OpenServerSide(journalPath, clock))
        {
            var row = store.ServerBatch!.Intend("cosqe-resume", BatchInputKinds.Name(BatchInputKind.Prefix), "p/");
            store.ServerBatch.RecordBatchId(row.Name, BatchId);
            service.Journal = store;
            using var stop = new CancellationTokenSource();
            using var http = new HttpClient(service);
            using var client = NewClient(http, clock);
            var first = new ServerSideBatchRunner(client, store, store.ServerBatch, new ServerSideBatchOptions { PollInterval = Poll }, clock).RunAsync(stop.Token);
            clock.Advance(await clock.NextWaitAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(Poll, await clock.NextWaitAsync().WaitAsync(TimeSpan.FromSeconds(30)));
            await stop.CancelAsync();
            var stopped = await first.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(stopped.Interrupted);
            service.EndRound();
        }

        // The rerun: 3 more jobs ended meanwhile. Its first round lists the batch again (the page it stopped on is not
        // kept), but commits only those 3; its journal reads are the one read at its start.
        service.Script = round =>
        {
            if (round == 3)
            {
                service.Set([590, 591, 592], "Success");
            }
            else if (round > 3)
            {
                service.Set(service.OpenIndexes(), "Success");
                service.BatchState = "Success";
            }
        };
        using (var store = BatchJournal.OpenServerSide(journalPath, clock))
        {
            service.Journal = store;
            var before = (store.File.Database.Io.RowsRead, store.File.Database.RowsWritten);
            using var http = new HttpClient(service);
            using var client = NewClient(http, clock);
            var result = await DriveAsync(clock, new ServerSideBatchRunner(client, store, store.ServerBatch!, new ServerSideBatchOptions { PollInterval = Poll }, clock).RunAsync(CancellationToken.None));
            service.EndRound();
            Assert.Equal(Total, result.Counts.Succeeded);
            var resumed = service.Rounds.Single(r => r.Number == 3);
            Assert.Equal(3, resumed.ChangedJobs);
            Assert.Equal(3L, resumed.RowsWritten); // not the 600 rows it listed
            Assert.Equal(0L, resumed.RowsRead);
            Assert.Equal(0, resumed.Lookups);
            Assert.Equal(Total / PageSize, resumed.ListPages);

            // The rerun's journal reads: its batch row and its 600 job rows once at the start, then the final totals (one row).
            Assert.Equal(1 + Total + 1, store.File.Database.Io.RowsRead - before.RowsRead);
            Assert.Equal(10, store.File.Database.RowsWritten - before.RowsWritten); // the 3, then the 7 still open
        }
    }

    [Fact]
    public async Task A_round_that_fails_transiently_costs_nothing_in_the_journal_and_the_next_round_collects_what_it_missed()
    {
        var clock = new RoundClock();
        var service = Small(clock, out var store);
        using var _ = store;
        service.ListFailure = (3, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable"); // every attempt of round 3, past the library's retries
        using var http = new HttpClient(service);
        using var client = NewClient(http, clock);

        var result = await DriveAsync(clock, new ServerSideBatchRunner(client, store, store.ServerBatch!, new ServerSideBatchOptions { PollInterval = Poll }, clock).RunAsync(CancellationToken.None));
        service.EndRound();

        Assert.Equal(120, result.Counts.Succeeded);
        Assert.True(service.FailedRequests > 1, $"{service.FailedRequests} failed request(s): the library did not retry");
        var failed = service.Rounds[2];
        Assert.Equal((0, 0, 0L, 0L), (failed.ListPages, failed.Lookups, failed.RowsWritten, failed.RowsRead));
        var next = service.Rounds[3];
        Assert.Equal(10, next.ChangedJobs); // what changed while round 3 failed
        Assert.Equal(10L, next.RowsWritten);
        Assert.Equal(1, next.ListPages); // it resumes at the page round 2 ended on (the last, jobs 100-119), as round 3 would have
    }

    [Fact]
    public async Task A_refusal_in_a_round_stops_the_run_with_the_journal_as_the_last_round_committed_it()
    {
        var clock = new RoundClock();
        var service = Small(clock, out var store);
        using (store)
        {
            service.ListFailure = (3, HttpStatusCode.Forbidden, "AccessDenied");
            using var http = new HttpClient(service);
            using var client = NewClient(http, clock);

            var refused = await Assert.ThrowsAnyAsync<Exception>(() => DriveAsync(clock, new ServerSideBatchRunner(client, store, store.ServerBatch!, new ServerSideBatchOptions { PollInterval = Poll }, clock).RunAsync(CancellationToken.None)));
            service.EndRound();

            Assert.Equal(FailureClass.Refused, FailureTable.Classify(refused)); // exit 3 (ServerSideCollectionTests runs the command)
            Assert.Equal(1, service.FailedRequests); // a refusal is not retried
            Assert.Equal(0L, service.Rounds[2].RowsWritten);
            var rows = store.ReadAll();
            Assert.Equal(120, rows.Count);
            Assert.Equal(10, rows.Count(r => r.State == JournalState.Success)); // round 2's commit, nothing of round 3
            Assert.Equal(110, rows.Count(r => r.State == new JournalState("Submitted")));
            Assert.All(rows, r => Assert.NotNull(r.JobId));
            Assert.Equal(BatchId, store.ServerBatch!.Read()!.BatchId);
        }

        // A rerun on the same journal finishes the same batch.
        service.ListFailure = null;
        using var again = BatchJournal.OpenServerSide(_dir.File("small.db"), clock);
        service.Journal = again;
        using var http2 = new HttpClient(service);
        using var client2 = NewClient(http2, clock);
        var result = await DriveAsync(clock, new ServerSideBatchRunner(client2, again, again.ServerBatch!, new ServerSideBatchOptions { PollInterval = Poll }, clock).RunAsync(CancellationToken.None));
        Assert.Equal(120, result.Counts.Succeeded);
        Assert.Equal(BatchId, result.BatchId);
    }

    /// <summary>120 jobs: 10 end in round 2, 10 more in round 3, the rest in round 5 (and the batch with them).</summary>
    private ScriptedService Small(RoundClock clock, out BatchJournal store)
    {
        var service = new ScriptedService();
        service.Script = round =>
        {
            switch (round)
            {
                case 1:
                    service.AddJobs(120);
                    break;
                case 2:
                    service.Set(Enumerable.Range(0, 10), "Success");
                    break;
                case 3:
                    service.Set(Enumerable.Range(10, 10), "Success");
                    break;
                case >= 5:
                    service.Set(service.OpenIndexes(), "Success");
                    service.BatchState = "Success";
                    break;
            }
        };
        store = BatchJournal.OpenServerSide(_dir.File("small.db"), clock);
        var row = store.ServerBatch!.Intend("cosqe-small", BatchInputKinds.Name(BatchInputKind.Prefix), "p/");
        store.ServerBatch.RecordBatchId(row.Name, BatchId);
        service.Journal = store;
        return service;
    }

    private static JobsClient NewClient(HttpClient http, TimeProvider clock) =>
        new(http, new JobsClientOptions { Bucket = "examplebucket-1250000000", Region = "ap-guangzhou", Endpoint = new Uri("http://127.0.0.1:9/"), Credential = new CosCredential("AKIDEXAMPLE00000000000000000000", "exampleKey000000000000000000000"), TimeProvider = clock });

    /// <summary>
    /// Runs <paramref name="run"/> to its end, moving the clock by exactly each wait it starts, after it started it (the
    /// runner is one sequential flow: when it waits, it waits on nothing else). A safety timeout makes a bug fail, not hang.
    /// </summary>
    private static async Task<T> DriveAsync<T>(RoundClock clock, Task<T> run)
    {
        while (!run.IsCompleted)
        {
            var next = clock.NextWaitAsync();
            await Task.WhenAny(run, next).WaitAsync(TimeSpan.FromSeconds(30));
            if (!run.IsCompleted)
            {
                clock.Advance(await next);
            }
        }

        return await run;
    }

    /// <summary>A fake clock that reports each wait started on it (a timer whose state is a <see cref="Task"/>: a <c>Task.Delay</c>); timeouts' timers are not waits.</summary>
    private sealed class RoundClock() : FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero))
    {
        private readonly global::System.Threading.Channels.Channel<TimeSpan> _waits = global::System.Threading.Channels.Channel.CreateUnbounded<TimeSpan>();

        /// <summary>The next wait started (in order), as its length.</summary>
        public Task<TimeSpan> NextWaitAsync() => _waits.Reader.ReadAsync().AsTask();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (state is Task && dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                _waits.Writer.TryWrite(dueTime);
            }

            return timer;
        }
    }

    /// <summary>What one round cost, and what changed in it.</summary>
    private sealed class Round(int number)
    {
        public int Number { get; } = number;

        public int Describes { get; set; }

        public int ListPages { get; set; }

        public int Lookups { get; set; }

        public HashSet<string> LookedUp { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Listed { get; } = new(StringComparer.Ordinal);

        public HashSet<string> OpenBefore { get; init; } = new(StringComparer.Ordinal);

        public HashSet<string> OpenNotListed => [.. OpenBefore.Where(id => !Listed.Contains(id))];

        public int NewJobs { get; set; }

        public int ChangedJobs { get; set; }

        public long Statements { get; set; }

        public long RowsRead { get; set; }

        public long RowsWritten { get; set; }

        public override string ToString() =>
            $"pages {ListPages}, lookups {Lookups} ({LookedUp.Count} ids), new {NewJobs}, changed {ChangedJobs}, statements {Statements}, rows read {RowsRead}, rows written {RowsWritten}";
    }

    /// <summary>
    /// One batch's jobs, served as the CI API does (batch describe, the batch's job listing oldest first with NextToken,
    /// job lookups by id); a round starts with the batch describe. Counts requests and, per round, the journal's work.
    /// </summary>
    private sealed class ScriptedService : HttpMessageHandler
    {
        private readonly List<(string Id, string Key, string State)> _jobs = [];
        private readonly Dictionary<string, string> _served = new(StringComparer.Ordinal);
        private Round? _round;
        private (long Statements, long Read, long Written) _journalAtStart;

        public Action<int> Script { get; set; } = _ => { };

        public string BatchState { get; set; } = "Running";

        public BatchJournal? Journal { get; set; }

        /// <summary>Every list request of this round is answered with this error (the library's retries included).</summary>
        public (int Round, HttpStatusCode Status, string Code)? ListFailure { get; set; }

        public int FailedRequests { get; private set; }

        public List<Round> Rounds { get; } = [];

        public void AddJobs(int count)
        {
            for (var i = 0; i < count; i++)
            {
                var n = _jobs.Count;
                _jobs.Add(("j" + n.ToString("x32", CultureInfo.InvariantCulture), $"p/{n:0000}.mp4", "Submitted"));
            }
        }

        public void Set(IEnumerable<int> indexes, string state)
        {
            foreach (var i in indexes.ToList())
            {
                _jobs[i] = (_jobs[i].Id, _jobs[i].Key, state);
            }
        }

        public List<int> OpenIndexes() => [.. Enumerable.Range(0, _jobs.Count).Where(i => _jobs[i].State is "Submitted" or "Running")];

        public List<int> Indexes(string state) => [.. Enumerable.Range(0, _jobs.Count).Where(i => _jobs[i].State == state)];

        /// <summary>Closes the round in progress (its journal work is what the journal did since it started).</summary>
        public void EndRound()
        {
            if (_round is { } round && Journal is { } journal)
            {
                var db = journal.File.Database;
                round.Statements = db.Io.Statements - _journalAtStart.Statements;
                round.RowsRead = db.Io.RowsRead - _journalAtStart.Read;
                round.RowsWritten = db.RowsWritten - _journalAtStart.Written;
            }

            _round = null;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
            string body;
            if (request.Method == HttpMethod.Get && path == "/inventorytriggerjob/" + BatchId)
            {
                StartRound();
                body = $"<Response><JobsDetail><JobId>{BatchId}</JobId><Name>cosqe-rounds</Name><State>{BatchState}</State><CreationTime>2026-12-07T08:00:00+0800</CreationTime>"
                    + "<Input><Prefix>p/</Prefix></Input><Operation><Tag>QualityEstimate</Tag><QueueId>q1</QueueId></Operation></JobsDetail></Response>";
                _round!.Describes++;
            }
            else if (request.Method == HttpMethod.Get && path == "/jobs" && query["inventoryTriggerJobId"] == BatchId && ListFailure is { } failure && failure.Round == _round!.Number)
            {
                FailedRequests++;
                var error = $"<Error><Code>{failure.Code}</Code><Message>injected</Message><RequestId>r{FailedRequests}</RequestId></Error>";
                return Task.FromResult(new HttpResponseMessage(failure.Status) { Content = new StringContent(error, Encoding.UTF8, "application/xml"), RequestMessage = request });
            }
            else if (request.Method == HttpMethod.Get && path == "/jobs" && query["inventoryTriggerJobId"] == BatchId)
            {
                _round!.ListPages++;
                var start = query["nextToken"] is { } token ? int.Parse(token[1..], CultureInfo.InvariantCulture) : 0;
                var size = int.Parse(query["size"]!, CultureInfo.InvariantCulture);
                var page = _jobs.Skip(start).Take(size).ToList();
                foreach (var job in page)
                {
                    _round.Listed.Add(job.Id);
                }

                var next = start + size < _jobs.Count ? $"<NextToken>o{start + size}</NextToken>" : string.Empty;
                body = "<Response>" + string.Concat(page.Select(Serve)) + next + "</Response>";
            }
            else if (request.Method == HttpMethod.Get && path.StartsWith("/jobs/", StringComparison.Ordinal))
            {
                _round!.Lookups++;
                var ids = path["/jobs/".Length..].Split(',');
                Assert.True(ids.Length <= PerLookup);
                var sb = new StringBuilder("<Response>");
                foreach (var id in ids)
                {
                    _round.LookedUp.Add(id);
                    sb.Append(Serve(_jobs.Single(j => j.Id == id)));
                }

                body = sb.Append("</Response>").ToString();
            }
            else
            {
                throw new InvalidOperationException($"unexpected request {request.Method} {request.RequestUri}");
            }

            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/xml"), RequestMessage = request };
            response.Headers.Add("x-ci-request-id", "r" + Rounds.Count);
            return Task.FromResult(response);
        }

        private void StartRound()
        {
            EndRound();
            var round = new Round(Rounds.Count + 1) { OpenBefore = [.. _served.Where(s => s.Value is "Submitted" or "Running").Select(s => s.Key)] };
            Rounds.Add(round);
            _round = round;
            if (Journal is { } journal)
            {
                var db = journal.File.Database;
                _journalAtStart = (db.Io.Statements, db.Io.RowsRead, db.RowsWritten);
            }

            Script(round.Number);
        }

        private string Serve((string Id, string Key, string State) job)
        {
            if (!_served.TryGetValue(job.Id, out var last))
            {
                _round!.NewJobs++;
                _round.ChangedJobs++;
            }
            else if (last != job.State)
            {
                _round!.ChangedJobs++;
            }

            _served[job.Id] = job.State;
            var result = job.State == "Success" ? "<Operation><QualityEstimate><Score>80</Score></QualityEstimate></Operation>" : string.Empty;
            return $"<JobsDetail><JobId>{job.Id}</JobId><Tag>QualityEstimate</Tag><State>{job.State}</State><CreationTime>2026-12-07T08:00:00+0800</CreationTime>"
                + $"<Input><Object>{job.Key}</Object></Input>{result}</JobsDetail>";
        }
    }
}
