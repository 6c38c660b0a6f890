using System.Globalization;
using Sagewright.Fuzz;

// sagewright-fuzz [--seed N] [--count N] [--time-limit SECONDS] [--timeout SECONDS] [--out DIR] [--root DIR] [--replay DIR]
var options = new FuzzOptions();
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException("missing value after " + args[i]);
    switch (args[i])
    {
        case "--seed": options.Seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--count": options.Count = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--time-limit": options.TimeLimit = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
        case "--timeout": options.InputTimeout = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture)); break;
        case "--out": options.OutputDirectory = Next(); break;
        case "--root": options.RepositoryRoot = Next(); break;
        case "--replay": options.Replay = Next(); break;
        case "-h" or "--help":
            Console.WriteLine("sagewright-fuzz [--seed N] [--count N] [--time-limit SECONDS] [--timeout SECONDS] [--out DIR] [--root DIR] [--replay DIR]");
            return 0;
        default:
            Console.Error.WriteLine("unknown option " + args[i]);
            return 2;
    }
}

options.RepositoryRoot ??= Corpus.FindRepositoryRoot(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();
options.OutputDirectory ??= Path.Combine(Directory.GetCurrentDirectory(), "fuzz-findings");
if (options.Replay is { } replay)
{
    // Checks the input a finding left in a folder (its .cs files, in name order).
    var files = Directory.GetFiles(replay, "*.cs").OrderBy(f => f, StringComparer.Ordinal)
        .Select(f => (Corpus.ProjectDirectory + Path.GetFileName(f).Substring(3), File.ReadAllText(f))).ToList();
    var watch = System.Diagnostics.Stopwatch.StartNew();
    var found = new Fuzzer(options, Console.Out).Check(files, "replay of " + replay).ToList();
    Console.WriteLine("first check (cold): " + watch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s");
    watch.Restart();
    found = new Fuzzer(options, Console.Out).Check(files, "replay of " + replay).ToList();
    foreach (var finding in found)
    {
        Console.WriteLine(finding.Kind + ": " + finding.Detail);
    }

    Console.WriteLine(found.Count + " findings in " + watch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s");
    return found.Count == 0 ? 0 : 1;
}

var report = new Fuzzer(options, Console.Out).Run();
Console.WriteLine(report.Summary());
return report.Findings.Count == 0 ? 0 : 1;
