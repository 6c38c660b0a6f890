using BenchmarkDotNet.Running;
using Sagewright.Benchmarks;

// Console modes that are not BenchmarkDotNet runs; anything else goes to BenchmarkDotNet (--filter, --job, ...).
return args.FirstOrDefault() switch
{
    "build-overhead" => BuildOverhead.Run(args[1..]),
    "keystroke-check" => KeystrokeCheck.Run(args[1..]),
    "edit-times" => EditTimes.Run(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(GeneratorBenchmarks).Assembly).Run(args);
    return 0;
}
