namespace Sagewright.Model.Validation;

public static partial class InstanceTypes
{
    // Built on first use: the tables live in another part of this partial class, and the order in which
    // static initialisers of different files run is not defined.
    private static HashSet<string>? _processingSet;
    private static HashSet<string>? _trainingSet;

    private static HashSet<string> ProcessingSet => _processingSet ??= new HashSet<string>(Processing, StringComparer.Ordinal);

    private static HashSet<string> TrainingSet => _trainingSet ??= new HashSet<string>(Training, StringComparer.Ordinal);

    private static HashSet<string>? _transformSet;

    private static HashSet<string> TransformSet => _transformSet ??= new HashSet<string>(Transform, StringComparer.Ordinal);

    public static bool IsValid(StepKind kind, string instanceType) => kind switch
    {
        StepKind.Processing => ProcessingSet.Contains(instanceType),
        StepKind.Training or StepKind.Tuning => TrainingSet.Contains(instanceType),
        StepKind.Transform => TransformSet.Contains(instanceType),
        _ => false,
    };

    /// <summary>The other job kinds that take <paramref name="instanceType"/> (training, processing, transform), for a
    /// type that <paramref name="kind"/> does not take; empty when none does.</summary>
    public static IReadOnlyList<string> OtherKinds(StepKind kind, string instanceType)
    {
        var kinds = new List<string>();
        if (kind is not (StepKind.Training or StepKind.Tuning) && TrainingSet.Contains(instanceType))
        {
            kinds.Add("training");
        }

        if (kind != StepKind.Processing && ProcessingSet.Contains(instanceType))
        {
            kinds.Add("processing");
        }

        if (kind != StepKind.Transform && TransformSet.Contains(instanceType))
        {
            kinds.Add("transform");
        }

        return kinds;
    }

    /// <summary>The closest valid type for a "did you mean" hint, or null.</summary>
    public static string? Suggest(StepKind kind, string instanceType)
    {
        var table = kind switch
        {
            StepKind.Processing => Processing,
            StepKind.Transform => Transform,
            _ => Training,
        };
        var candidate = instanceType.StartsWith("ml.", StringComparison.Ordinal) ? instanceType : "ml." + instanceType;
        if (table.Contains(candidate, StringComparer.Ordinal))
        {
            return candidate;
        }

        return table
            .Select(t => (Type: t, Distance: Levenshtein(t, candidate)))
            .Where(t => t.Distance <= 2)
            .OrderBy(t => t.Distance)
            .ThenBy(t => t.Type, StringComparer.Ordinal)
            .Select(t => t.Type)
            .FirstOrDefault();
    }

    /// <summary>The closest type of <paramref name="table"/> for a "did you mean" hint, or null.</summary>
    public static string? SuggestFrom(IEnumerable<string> table, string instanceType)
    {
        var candidate = instanceType.StartsWith("ml.", StringComparison.Ordinal) ? instanceType : "ml." + instanceType;
        return table
            .Select(t => (Type: t, Distance: Levenshtein(t, candidate)))
            .Where(t => t.Distance <= 2)
            .OrderBy(t => t.Distance)
            .ThenBy(t => t.Type, StringComparer.Ordinal)
            .Select(t => t.Type)
            .FirstOrDefault();
    }

    private static int Levenshtein(string a, string b)
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
