using System.Globalization;
using Sagewright.Fuzz;

// sagewright-fuzz [--seed N] [--count N] [--time-limit SECONDS] [--timeout SECONDS] [--out DIR] [--root DIR]
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
        case "-h" or "--help":
            Console.WriteLine("sagewright-fuzz [--seed N] [--count N] [--time-limit SECONDS] [--timeout SECONDS] [--out DIR] [--root DIR]");
            return 0;
        default:
            Console.Error.WriteLine("unknown option " + args[i]);
            return 2;
    }
}

options.RepositoryRoot ??= Corpus.FindRepositoryRoot(AppContext.BaseDirectory) ?? Directory.GetCurrentDirectory();
options.OutputDirectory ??= Path.Combine(Directory.GetCurrentDirectory(), "fuzz-findings");
var report = new Fuzzer(options, Console.Out).Run();
Console.WriteLine(report.Summary());
return report.Findings.Count == 0 ? 0 : 1;
