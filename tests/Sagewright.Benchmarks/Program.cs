using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Sagewright.Benchmarks.GeneratorBenchmarks).Assembly).Run(args);
