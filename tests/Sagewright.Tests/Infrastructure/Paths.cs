namespace Sagewright.Tests.Infrastructure;

/// <summary>Where the repository and the shared reference data are.</summary>
public static class Paths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary><c>../shared/reference</c> beside the checkout (CI puts <c>shared/</c> there).</summary>
    public static string SharedReference { get; } = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "reference"));

    public static bool HasSharedReference => Directory.Exists(SharedReference);

    public static string Reference(params string[] parts)
    {
        if (!HasSharedReference)
        {
            throw new InvalidOperationException(
                $"The shared reference data is missing: expected {SharedReference}. Put the shared/ folder beside the checkout.");
        }

        return Path.Combine([SharedReference, .. parts]);
    }

    public static string Samples(params string[] parts) => Path.Combine([RepoRoot, "samples", .. parts]);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Compiler.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (no Compiler.sln above " + AppContext.BaseDirectory + ").");
    }
}

/// <summary>A fact that needs <c>../shared/reference</c>: skipped with the reason when it is absent,
/// except under CI (<c>CI=true</c>), where its absence must fail the run.</summary>
public sealed class ReferenceFactAttribute : FactAttribute
{
    public ReferenceFactAttribute()
    {
        if (!Paths.HasSharedReference && !IsCi)
        {
            Skip = $"needs the shared reference data at {Paths.SharedReference} (absent here; with CI=true this fails instead)";
        }
    }

    internal static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The theory form of <see cref="ReferenceFactAttribute"/>.</summary>
public sealed class ReferenceTheoryAttribute : TheoryAttribute
{
    public ReferenceTheoryAttribute()
    {
        if (!Paths.HasSharedReference && !ReferenceFactAttribute.IsCi)
        {
            Skip = $"needs the shared reference data at {Paths.SharedReference} (absent here; with CI=true this fails instead)";
        }
    }
}
