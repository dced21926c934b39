using System.Globalization;
using CosQualityEstimate.Models;
using Microsoft.Data.Sqlite;

namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// The batch journal (<c>cosqe batch</c>): one row per object key on a <see cref="JournalFile"/>, and the batch
/// protocol's rules. Crash-safety rules (see docs/cli.md): a key's client token is committed before its submit is sent;
/// the job id is committed as soon as the submit returns; a key with a token and no job id is "in doubt" and is
/// reconciled with the service before anything is resent (and is then resent with the same token); no submit is sent
/// outside a committed send lease (<see cref="SendLeaseMeta"/>), which bounds when a dead run could last have sent.
/// Which keys still need a submit is one rule, <see cref="UnsubmittedSql"/> (<see cref="ReadUnsubmitted"/>); which jobs
/// still need polling is <see cref="ReadOpenJobs"/>. The same rows serve a server-side batch (<see cref="OpenServerSide"/>,
/// whose <see cref="ServerBatch"/> is the service batch the rows came from). Its own columns (<see cref="KeyColumns"/>)
/// and statements are here. Every timestamp comes from the <see cref="TimeProvider"/> given to <see cref="Open"/>. All
/// methods are thread-safe.
/// </summary>
internal sealed class BatchJournal : IDisposable
{
    /// <summary>The meta entry holding the send lease: no submit of the run that wrote it is sent after this time.</summary>
    public const string SendLeaseMeta = "send_lease_until";

    /// <summary>The <c>keys</c> columns of the batch protocol: a key's client token and when it was committed.</summary>
    public const string KeyColumns = "client_token TEXT, token_time TEXT";

    /// <summary>The batch's rule for a key that still needs work: no job yet, and not rejected.</summary>
    private const string UnsubmittedSql = "job_id IS NULL AND state IS NULL";

    private BatchJournal(JournalFile file)
    {
        File = file;
        ServerBatch = file.Kind == JournalKind.ServerSideBatch ? new ServerBatchJournal(file) : null;
    }

    /// <summary>The journal's file (shared operations).</summary>
    public JournalFile File { get; }

    /// <summary>The journal's full path.</summary>
    public string Path => File.Path;

    /// <summary>What a result without a source marker is recorded as. The caller says it (cosqe batch: the configuration's
    /// <c>UnmarkedSource</c>, <see cref="QualityEstimateSource.Service"/> only for the real service's endpoint); until it does,
    /// an unmarked result is recorded <see cref="QualityEstimateSource.Unknown"/> — never assumed to be the service's.</summary>
    public QualityEstimateSource UnmarkedSource { get; set; } = QualityEstimateSource.Unknown;

    /// <summary>The service batch of a server-side journal (<see cref="OpenServerSide"/>), on the same connection; <see langword="null"/> for a client-side batch.</summary>
    public ServerBatchJournal? ServerBatch { get; }

    /// <summary>Opens (creating when <paramref name="create"/>) the client-side batch journal at <paramref name="path"/>; a
    /// journal of another kind is a <see cref="CliUsageException"/>. Timestamps come from <paramref name="time"/> (default: the system clock).</summary>
    public static BatchJournal Open(string path, bool create, TimeProvider? time = null) =>
        new(JournalFile.Open(path, JournalKind.Batch, create, time ?? TimeProvider.System));

    /// <summary>Opens (creating when missing) the server-side batch journal at <paramref name="path"/> (<see cref="ServerBatch"/>
    /// set); a journal of another kind is a <see cref="CliUsageException"/>.</summary>
    public static BatchJournal OpenServerSide(string path, TimeProvider time) =>
        new(JournalFile.Open(path, JournalKind.ServerSideBatch, create: true, time));

    /// <summary>A meta entry, or <see langword="null"/>.</summary>
    public string? GetMeta(string name) => File.GetMeta(name);

    /// <summary>Commits a meta entry.</summary>
    public void SetMeta(string name, string value) => File.SetMeta(name, value);

    /// <summary>
    /// The latest moment a previous run could have sent a submit (its committed send lease), or <see langword="null"/>
    /// when no lease was ever written (a journal from a version without leases: nothing bounds its sends).
    /// </summary>
    public DateTimeOffset? ReadSendLease() =>
        GetMeta(SendLeaseMeta) is { } value && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var until) ? until : null;

    /// <summary>Commits (fsynced) the send lease: this run sends no submit after <paramref name="until"/> without renewing it.</summary>
    public void WriteSendLease(DateTimeOffset until) => SetMeta(SendLeaseMeta, until.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>Adds keys not yet in the journal (in order); returns how many were new.</summary>
    public Task<int> AddKeysAsync(IAsyncEnumerable<string> keys, CancellationToken cancellationToken) => File.AddKeysAsync(keys, cancellationToken);

    /// <summary>Keys with a client token and no job id: their submit may or may not have reached the service.</summary>
    public List<JournalRow> ReadInDoubt() =>
        JournalRows.Read(File.Database, "job_id IS NULL AND client_token IS NOT NULL AND state IS NULL");

    /// <summary>The next keys (after <paramref name="afterSeq"/>) that still need a submit (<see cref="UnsubmittedSql"/>).</summary>
    public List<JournalRow> ReadUnsubmitted(long afterSeq, int limit) =>
        JournalRows.Read(File.Database, $"seq > $after AND {UnsubmittedSql}", limit, ("$after", afterSeq));

    /// <summary>Jobs submitted and not finished yet.</summary>
    public List<JournalRow> ReadOpenJobs() =>
        JournalRows.Read(File.Database, $"job_id IS NOT NULL AND (state IS NULL OR state NOT IN ({JournalState.TerminalSql}))");

    /// <summary>Every row, in order.</summary>
    public List<JournalRow> ReadAll() => File.ReadAll();

    /// <summary>Streams every row (export and report of large journals).</summary>
    public IEnumerable<JournalRow> EnumerateAll() => File.EnumerateAll();

    /// <summary>
    /// Commits client tokens (one transaction, fsynced) — before any of their submits is sent — stamped with the journal's
    /// clock, or with <paramref name="tokenTime"/> when given (a test that recreates a dead run's journal).
    /// </summary>
    public void AssignTokens(IReadOnlyList<(long Seq, string Token)> tokens, DateTimeOffset? tokenTime = null)
    {
        if (tokens.Count == 0)
        {
            return;
        }

        var now = tokenTime?.ToString("O", CultureInfo.InvariantCulture) ?? File.Now();
        File.Database.InTransaction(
            "UPDATE keys SET client_token = $t, token_time = $time, updated = $time WHERE seq = $s AND job_id IS NULL;",
            command =>
            {
                var token = command.Parameters.Add("$t", SqliteType.Text);
                var seq = command.Parameters.Add("$s", SqliteType.Integer);
                command.Parameters.AddWithValue("$time", now);
                foreach (var (s, t) in tokens)
                {
                    token.Value = t;
                    seq.Value = s;
                    command.ExecuteNonQuery();
                }

                return tokens.Count;
            });
    }

    /// <summary>Clears tokens this run assigned but never sent (a clean stop), so a rerun needs no look-up for them.</summary>
    public void ReleaseTokens(IReadOnlyList<long> seqs)
    {
        if (seqs.Count == 0)
        {
            return;
        }

        File.Database.InTransaction(
            "UPDATE keys SET client_token = NULL, token_time = NULL WHERE seq = $s AND job_id IS NULL;",
            command =>
            {
                var seq = command.Parameters.Add("$s", SqliteType.Integer);
                foreach (var s in seqs)
                {
                    seq.Value = s;
                    command.ExecuteNonQuery();
                }

                return seqs.Count;
            });
    }

    /// <summary>Commits job ids (and states) of submits that returned, or jobs found by reconciliation.</summary>
    public void RecordSubmitted(IReadOnlyList<(long Seq, string JobId, JournalState State)> jobs)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        File.Database.InTransaction(
            $"UPDATE keys SET job_id = $j, state = CASE WHEN state IS NULL OR state NOT IN ({JournalState.TerminalSql}) THEN $st ELSE state END, updated = $time WHERE seq = $s;",
            command =>
            {
                var job = command.Parameters.Add("$j", SqliteType.Text);
                var state = command.Parameters.Add("$st", SqliteType.Text);
                var seq = command.Parameters.Add("$s", SqliteType.Integer);
                command.Parameters.AddWithValue("$time", File.Now());
                foreach (var (s, j, st) in jobs)
                {
                    job.Value = j;
                    state.Value = st.Name;
                    seq.Value = s;
                    command.ExecuteNonQuery();
                }

                return jobs.Count;
            });
    }

    /// <summary>Marks a key whose submit the service refused for that key alone (no job exists).</summary>
    public void RecordRejected(long seq, string code, string message) =>
        File.Database.Execute(
            "UPDATE keys SET state = $st, code = $c, message = $m, updated = $time WHERE seq = $s AND job_id IS NULL;",
            ("$st", JournalState.Rejected.Name),
            ("$c", code),
            ("$m", message),
            ("$s", seq),
            ("$time", File.Now()));

    /// <summary>
    /// Commits the latest known state of jobs (results, codes and findings of finished ones; each result record carries
    /// its source, see <see cref="JournalFindings"/>; an unmarked result is <see cref="UnmarkedSource"/>).
    /// </summary>
    public void RecordStates(IReadOnlyList<(long Seq, JobDetail Job)> jobs) => File.RecordStates(jobs, UnmarkedSource);

    /// <summary>Totals over the journal.</summary>
    public JournalCounts Count() => File.Count();

    /// <inheritdoc/>
    public void Dispose() => File.Dispose();
}
