using System.Globalization;
using CosQualityEstimate.Cli.Journal.Store;
using Microsoft.Data.Sqlite;

namespace CosQualityEstimate.Cli.Journal;

/// <summary>
/// Reads <c>keys</c> rows as <see cref="JournalRow"/>s for the Journal folder's types: each kind states its own condition
/// (<see cref="BatchJournal"/>'s in-doubt and open jobs, <see cref="AnalysisJournal"/>'s unanalysed files) and gets typed
/// rows back. Columns are found by name, so a row of any schema version reads (a version-1 row has no root).
/// </summary>
internal static class JournalRows
{
    private const int PageSize = 2000;

    /// <summary>The rows matching <paramref name="condition"/> (an SQL condition on <c>keys</c>), in order.</summary>
    public static List<JournalRow> Read(JournalSql sql, string condition, params (string Name, object Value)[] parameters) =>
        Read(sql, condition, null, parameters);

    /// <summary>At most <paramref name="limit"/> rows matching <paramref name="condition"/>, in order.</summary>
    public static List<JournalRow> Read(JournalSql sql, string condition, int? limit, params (string Name, object Value)[] parameters)
    {
        Columns? columns = null;
        var tail = limit is { } n ? string.Create(CultureInfo.InvariantCulture, $" LIMIT {n}") : string.Empty;
        return sql.Query($"SELECT * FROM keys WHERE ({condition}) ORDER BY seq{tail};", reader => Map(reader, columns ??= new Columns(reader)), parameters);
    }

    /// <summary>Streams the rows matching <paramref name="condition"/> in pages of 2000, in order.</summary>
    public static IEnumerable<JournalRow> Stream(JournalSql sql, string condition)
    {
        long after = 0;
        while (true)
        {
            var page = Read(sql, $"seq > $after AND ({condition})", PageSize, ("$after", after));
            foreach (var row in page)
            {
                yield return row;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Seq;
        }
    }

    private static JournalRow Map(SqliteDataReader reader, Columns c) =>
        new(
            reader.GetInt64(c.Seq),
            reader.GetString(c.Key),
            Text(reader, c.ClientToken),
            Time(reader, c.TokenTime),
            Text(reader, c.JobId),
            Text(reader, c.State) is { } state ? new JournalState(state) : null,
            c.Score >= 0 && !reader.IsDBNull(c.Score) ? reader.GetDouble(c.Score) : null,
            Text(reader, c.Code),
            Text(reader, c.Message),
            Text(reader, c.Findings))
        {
            Updated = Time(reader, c.Updated),
            Root = Text(reader, c.Root),
        };

    private static string? Text(SqliteDataReader reader, int ordinal) =>
        ordinal >= 0 && !reader.IsDBNull(ordinal) ? reader.GetString(ordinal) : null;

    private static DateTimeOffset? Time(SqliteDataReader reader, int ordinal) =>
        Text(reader, ordinal) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null;

    /// <summary>The ordinals of one result (-1: the column is not in this journal's schema).</summary>
    private sealed class Columns
    {
        public Columns(SqliteDataReader reader)
        {
            var names = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => i, StringComparer.OrdinalIgnoreCase);
            int Of(string name) => names.TryGetValue(name, out var i) ? i : -1;
            Seq = Of("seq");
            Key = Of("key");
            ClientToken = Of("client_token");
            TokenTime = Of("token_time");
            JobId = Of("job_id");
            State = Of("state");
            Score = Of("score");
            Code = Of("code");
            Message = Of("message");
            Findings = Of("findings");
            Updated = Of("updated");
            Root = Of("root");
        }

        public int Seq { get; }

        public int Key { get; }

        public int ClientToken { get; }

        public int TokenTime { get; }

        public int JobId { get; }

        public int State { get; }

        public int Score { get; }

        public int Code { get; }

        public int Message { get; }

        public int Findings { get; }

        public int Updated { get; }

        public int Root { get; }
    }
}
