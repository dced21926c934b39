using System.CommandLine;
using System.CommandLine.Parsing;
using CosQualityEstimate.Cli.Output;

namespace CosQualityEstimate.Cli;

/// <summary>
/// Finds an argument that looks like an option (<c>--word</c>) but is none of the command's: System.CommandLine hands such a
/// token to a command's path or key argument, so <c>analyze /clips --concurency 2</c> would look for a file named
/// <c>--concurency</c>. It is reported as an unknown option instead (exit 2), with the closest known option suggested.
/// Everything after a <c>--</c> token is an argument, as usual.
/// </summary>
internal static class UnknownOptions
{
    /// <summary>The one-line message (without the <c>cosqe: </c> prefix) for the first unknown option, or <see langword="null"/>.</summary>
    public static string? Find(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        foreach (var token in Candidates(parse))
        {
            var name = token.Split('=', 2)[0];
            var known = KnownOptions(parse.CommandResult).ToList();
            if (known.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            var suggestion = Closest(name, known);
            var where = command is RootCommand ? "cosqe --help" : $"cosqe {CommandPath(parse.CommandResult)} --help";
            return $"unknown option '{JobText.Sanitize(name)}'"
                + (suggestion is null ? string.Empty : $"; did you mean {suggestion}?")
                + $" (see {where})";
        }

        return null;
    }

    /// <summary>The closest option name within a small edit distance (a typo), or <see langword="null"/>.</summary>
    internal static string? Closest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known.Where(k => k.StartsWith("--", StringComparison.Ordinal)))
        {
            var distance = Distance(name, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // A typo is a few edits away; an unrelated word gets no suggestion.
        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    private static IEnumerable<string> Candidates(ParseResult parse)
    {
        // Tokens given to a command's arguments (paths, keys, job ids) and tokens nothing matched.
        var argumentTokens = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        for (SymbolResult? result = parse.CommandResult; result is not null; result = result.Parent)
        {
            if (result is CommandResult commandResult)
            {
                foreach (var argument in commandResult.Children.OfType<ArgumentResult>())
                {
                    foreach (var token in argument.Tokens)
                    {
                        argumentTokens.Add(token);
                    }
                }
            }
        }

        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash)
            {
                yield break;
            }

            var value = token.Value;
            var looksLikeOption = value.Length > 2 && value.StartsWith("--", StringComparison.Ordinal) && char.IsAsciiLetter(value[2]);
            if (looksLikeOption && (argumentTokens.Contains(token) || parse.UnmatchedTokens.Contains(value, StringComparer.Ordinal)))
            {
                yield return value;
            }
        }
    }

    private static IEnumerable<string> KnownOptions(CommandResult result)
    {
        var command = result.Command;
        foreach (var option in command.Options)
        {
            yield return option.Name;
            foreach (var alias in option.Aliases)
            {
                yield return alias;
            }
        }

        // Recursive options of the parents (--bucket, --output, ...).
        for (var parent = result.Parent as CommandResult; parent is not null; parent = parent.Parent as CommandResult)
        {
            foreach (var option in parent.Command.Options.Where(o => o.Recursive))
            {
                yield return option.Name;
                foreach (var alias in option.Aliases)
                {
                    yield return alias;
                }
            }
        }
    }

    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (var current = result; current is not null && current.Command is not RootCommand; current = current.Parent as CommandResult)
        {
            names.Insert(0, current.Command.Name);
        }

        return string.Join(' ', names);
    }

    /// <summary>Levenshtein distance (option names are short).</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
