using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Sagewright.Cli.Explain;
using Sagewright.Cli.Policies;

namespace Sagewright.Cli.Diff;

/// <summary>Turns an added and a removed grant of the same effect, action and principal into one
/// <see cref="ChangeKind.Changed"/> grant change ("resource changed from X to Y"), and attaches the reasons
/// report.md gives for added and changed grants.</summary>
public static class ChangePairing
{
    /// <summary>Pairs, for each effect, action and principal, the one added grant with the one removed grant when
    /// there is exactly one of each (with more, which replaced which is a guess, so they stay added and removed).
    /// The pair keeps the verdict of its unpaired halves: an Allow change widens when the added Allow widened, a Deny
    /// change when the removed Deny widened.</summary>
    public static IReadOnlyList<GrantChange> Pair(IReadOnlyList<GrantChange> added, IReadOnlyList<GrantChange> removed)
    {
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(removed);
        var addedBySubject = added.ToLookup(c => Subject(c.Grant));
        var removedBySubject = removed.ToLookup(c => Subject(c.Grant));
        var paired = new HashSet<GrantChange>(ReferenceEqualityComparer.Instance);
        var result = new List<GrantChange>();
        foreach (var group in addedBySubject)
        {
            var gone = removedBySubject[group.Key].ToArray();
            if (group.Count() != 1 || gone.Length != 1)
            {
                continue;
            }

            var (now, was) = (group.First(), gone[0]);
            paired.Add(now);
            paired.Add(was);
            result.Add(new GrantChange(ChangeKind.Changed, now.Grant, now.Reason ?? was.Reason) { Previous = was.Grant });
        }

        result.AddRange(added.Concat(removed).Where(c => !paired.Contains(c)));
        return result;
    }

    private static (Effect, Term, Term) Subject(Grant grant) => (grant.Effect, grant.Action, grant.Principal);

    /// <summary>"resource changed from X to Y", "conditions changed from X to (none)", or both joined with "; ".</summary>
    public static string Describe(Grant previous, Grant grant)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(grant);
        var parts = new List<string>();
        if (!previous.Resource.Equals(grant.Resource))
        {
            parts.Add($"resource changed from {Resource(previous.Resource)} to {Resource(grant.Resource)}");
        }

        if (!previous.Conditions.SequenceEqual(grant.Conditions))
        {
            parts.Add($"conditions changed from {Conditions(previous.Conditions)} to {Conditions(grant.Conditions)}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>What a changed grant kept: "Allow s3:GetObject", with "on R" when the resource is the same, "for P",
    /// and "when C" when the conditions are the same.</summary>
    public static string Unchanged(Grant previous, Grant grant)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(grant);
        var text = new StringBuilder(grant.Effect == Effect.Allow ? "Allow " : "Deny ");
        text.Append(grant.Action.Kind == TermKind.Not ? "every action except [" + string.Join(", ", grant.Action.Values) + "]" : grant.Action.ToString());
        if (grant.Resource.Kind != TermKind.None && previous.Resource.Equals(grant.Resource))
        {
            text.Append(" on ").Append(Resource(grant.Resource));
        }

        if (grant.Principal.Kind != TermKind.None)
        {
            text.Append(" for ").Append(grant.Principal.Kind == TermKind.Not ? "every principal except [" + string.Join(", ", grant.Principal.Values) + "]" : grant.Principal.ToString());
        }

        if (grant.Conditions.Count > 0 && previous.Conditions.SequenceEqual(grant.Conditions))
        {
            text.Append(" when ").Append(Conditions(grant.Conditions));
        }

        return text.ToString();
    }

    private static string Resource(Term resource) =>
        resource.Kind == TermKind.Not ? "every resource except [" + string.Join(", ", resource.Values) + "]" : resource.ToString();

    public static string Conditions(IReadOnlyList<GrantCondition> conditions) =>
        conditions.Count == 0 ? "(none)" : string.Join(" and ", conditions);

    /// <summary>The reasons <paramref name="report"/> (the role's section of report.md) gives for the grant: the "Why"
    /// bullets for its resource under each of its Sids. Empty when it gives none (or the role has no section).</summary>
    public static IReadOnlyList<string> ReportReasons(ReportSection? report, Grant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (report is null || grant.Resource.Kind != TermKind.One)
        {
            return [];
        }

        return grant.Sids.SelectMany(sid => report.ReasonsFor(sid, grant.Resource.Pattern)).Distinct(StringComparer.Ordinal).ToArray();
    }
}
