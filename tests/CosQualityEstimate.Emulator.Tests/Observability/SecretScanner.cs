using Microsoft.Extensions.Logging.Testing;

namespace CosQualityEstimate.Emulator.Tests.Observability;

/// <summary>Asserts that nothing logged — formatted message, structured state keys and values, exception, scopes — contains a secret.</summary>
internal static class SecretScanner
{
    internal static void AssertNoSecrets(IReadOnlyList<FakeLogRecord> records, IEnumerable<string> secrets)
    {
        var forbidden = secrets.Where(s => !string.IsNullOrEmpty(s)).Distinct().ToList();
        Assert.NotEmpty(records);
        foreach (var record in records)
        {
            foreach (var text in Texts(record))
            {
                foreach (var secret in forbidden)
                {
                    Assert.False(
                        text.Contains(secret, StringComparison.OrdinalIgnoreCase),
                        $"Log event {record.Id} ({record.Category}) contains secret #{forbidden.IndexOf(secret)} in \"{text}\" (message: {record.Message})");
                }
            }
        }
    }

    private static IEnumerable<string> Texts(FakeLogRecord record)
    {
        yield return record.Message;
        if (record.Exception is { } exception)
        {
            yield return exception.ToString();
        }

        if (record.StructuredState is { } state)
        {
            foreach (var pair in state)
            {
                yield return pair.Key;
                if (pair.Value is { } value)
                {
                    yield return value;
                }
            }
        }

        if (record.State is IEnumerable<KeyValuePair<string, object?>> raw)
        {
            foreach (var pair in raw)
            {
                if (pair.Value?.ToString() is { } value)
                {
                    yield return value;
                }
            }
        }

        foreach (var scope in record.Scopes)
        {
            if (scope?.ToString() is { } text)
            {
                yield return text;
            }

            if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var pair in pairs)
                {
                    if (pair.Value?.ToString() is { } value)
                    {
                        yield return value;
                    }
                }
            }
        }
    }
}
