using Sagewright.Tests.Infrastructure;

namespace Sagewright.Tests.Build;

/// <summary>build/Deterministic.props: two clones in different folders build byte-identical compiler and model
/// assemblies when built as CI builds them (ContinuousIntegrationBuild, which CI=true turns on). The clones hold what
/// the compiler builds from, including the annotations it references at compile time.</summary>
[Trait("Category", "Slow")]
public class ReproducibleBuildTests
{
    private static readonly string[] Sources =
        ["Directory.Build.props", "Directory.Packages.props", "build", "src/Sagewright.Model", "src/Sagewright.Annotations", "src/Sagewright.Compiler", "src/Sagewright.Build/GeneratedOutputFormat.cs"];

    [Fact]
    public void Two_clones_in_different_folders_build_identical_dlls()
    {
        var root = Directory.CreateTempSubdirectory("sagewright-repro-").FullName;
        try
        {
            // Different folders of different lengths: any path that reaches the output changes its bytes.
            var first = Clone(Path.Combine(root, "a"));
            var second = Clone(Path.Combine(root, "second-clone", "of", "the", "repository"));
            foreach (var clone in new[] { first, second })
            {
                DotNet.Run(clone, null, "build", "src/Sagewright.Compiler/Sagewright.Compiler.csproj", "-c", "Release",
                    "-p:ContinuousIntegrationBuild=true").ShouldSucceed();
            }

            foreach (var dll in new[] { "Sagewright.Compiler.dll", "Sagewright.Model.dll" })
            {
                var output = Path.Combine("src", "Sagewright.Compiler", "bin", "Release", "netstandard2.0", dll);
                var a = File.ReadAllBytes(Path.Combine(first, output));
                var b = File.ReadAllBytes(Path.Combine(second, output));
                Assert.True(a.AsSpan().SequenceEqual(b), dll + " differs between the two clones");
                Assert.DoesNotContain(root, System.Text.Encoding.UTF8.GetString(a), StringComparison.Ordinal);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static string Clone(string target)
    {
        foreach (var source in Sources)
        {
            var from = Path.Combine(Paths.RepoRoot, source);
            if (File.Exists(from))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, source))!);
                File.Copy(from, Path.Combine(target, source));
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(Paths.RepoRoot, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                {
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
                File.Copy(file, Path.Combine(target, relative));
            }
        }

        return target;
    }
}
