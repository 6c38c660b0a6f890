using System.Collections.Immutable;
using System.Xml.Linq;

namespace Sagewright.Tests.Infrastructure;

/// <summary>The projects under samples/, compiled in memory exactly as <c>dotnet build</c> compiles them.</summary>
public static class Samples
{
    /// <summary>The anti-pattern showcase: a sample project that is meant to have diagnostics.</summary>
    public const string AntiPatterns = "AntiPatterns";

    /// <summary>The sample projects that build clean (the anti-pattern showcase is not one of them).</summary>
    public static IReadOnlyList<string> Names { get; } = Directory.GetDirectories(Paths.Samples())
        .Where(d => File.Exists(Path.Combine(d, Path.GetFileName(d) + ".csproj")))
        .Select(Path.GetFileName)
        .Where(n => n != AntiPatterns)
        .OrderBy(n => n, StringComparer.Ordinal)
        .ToList()!;

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
        {
            data.Add(name);
        }

        return data;
    }

    public static (string Path, string Text)[] Sources(string sample) =>
        Directory.GetFiles(Paths.Samples(sample), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => (ProjectOptions.ProjectDirectory + Path.GetRelativePath(Paths.Samples(sample), f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToArray();

    /// <summary>The sample's MSBuild settings and script files, read from its project folder.</summary>
    public static ProjectOptions Options(string sample)
    {
        var project = XDocument.Load(Paths.Samples(sample, sample + ".csproj"));
        string? Property(string name) => project.Descendants(name).FirstOrDefault()?.Value;
        var scripts = Directory.GetFiles(Paths.Samples(sample), "*.*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".py" or ".sh" or ".R")
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToImmutableDictionary(f => Path.GetRelativePath(Paths.Samples(sample), f).Replace('\\', '/'), File.ReadAllText);
        return new ProjectOptions
        {
            AccountId = Property("SagewrightAccountId"),
            Region = Property("SagewrightRegion"),
            Partition = Property("SagewrightPartition"),
            ArtifactBucket = Property("SagewrightArtifactBucket"),
            CodeFiles = scripts,
        };
    }

    public static GeneratorOutput Generate(string sample) =>
        TestProject.Generate(TestProject.Compilation(Sources(sample)), Options(sample));

    /// <summary>Every generated pipeline.json of the sample, by pipeline name.</summary>
    public static IReadOnlyDictionary<string, string> Definitions(string sample) =>
        Generate(sample).Files()
            .Where(f => f.Key.EndsWith("/pipeline.json", StringComparison.Ordinal))
            .ToDictionary(f => f.Key[..f.Key.IndexOf('/')], f => f.Value);
}
