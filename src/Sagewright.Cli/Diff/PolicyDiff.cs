using System;
using System.Collections.Generic;
using System.Linq;
using Sagewright.Cli.Policies;
using Sagewright.Cli.Sources;

namespace Sagewright.Cli.Diff;

public enum ChangeKind
{
    Added,
    Removed,
}

public enum FileStatus
{
    Modified,
    Added,
    Removed,
}

/// <summary>One added or removed grant. <see cref="Reason"/> says why it widens what the role may do,
/// or is null when it does not.</summary>
public sealed record GrantChange(ChangeKind Kind, Grant Grant, string? Reason)
{
    public bool IsWidening => Reason is not null;
}

/// <summary>The changes of one policy file (paired by relative path). Changes are ordered: widening
/// first, then added, then removed, each by action, resource, principal, effect and conditions.</summary>
public sealed record FileDiff(string Path, string? OldDisplayPath, string? NewDisplayPath, FileStatus Status, IReadOnlyList<GrantChange> Changes)
{
    public int Added => Changes.Count(c => c.Kind == ChangeKind.Added);

    public int Removed => Changes.Count(c => c.Kind == ChangeKind.Removed);

    public int Widening => Changes.Count(c => c.IsWidening);
}

/// <summary>The whole comparison: every file compared, and the ones that changed (ordered by path).</summary>
public sealed record DiffResult(string OldArgument, string NewArgument, int FilesCompared, IReadOnlyList<FileDiff> Files)
{
    public int Added => Files.Sum(f => f.Added);

    public int Removed => Files.Sum(f => f.Removed);

    public int Widening => Files.Sum(f => f.Widening);

    public bool HasChanges => Files.Count > 0;
}

/// <summary>Compares two policy sets grant by grant. An added Allow grant widens unless some old Allow
/// grant covers it; a removed Deny grant widens unless some new Deny grant covers it. Added Deny and
/// removed Allow grants only narrow. Grants are compared within the same file (the same role): moving a
/// permission to another role is a widening for that role.</summary>
public static class PolicyDiff
{
    public static DiffResult Compare(PolicySet oldSet, PolicySet newSet)
    {
        ArgumentNullException.ThrowIfNull(oldSet);
        ArgumentNullException.ThrowIfNull(newSet);
        if (oldSet.IsFolder != newSet.IsFolder)
        {
            var (folder, file) = oldSet.IsFolder ? (oldSet.Argument, newSet.Argument) : (newSet.Argument, oldSet.Argument);
            throw new CliException($"cannot compare the folder {folder} with the file {file}: give two policy files or two folders");
        }

        // Read every file first, so a broken file is reported before any output.
        var oldFiles = oldSet.Files.ToDictionary(f => Key(oldSet, f), f => (File: f, Grants: GrantNormalizer.Normalize(PolicyReader.Read(f.Content, f.DisplayPath))), StringComparer.Ordinal);
        var newFiles = newSet.Files.ToDictionary(f => Key(newSet, f), f => (File: f, Grants: GrantNormalizer.Normalize(PolicyReader.Read(f.Content, f.DisplayPath))), StringComparer.Ordinal);

        var paths = oldFiles.Keys.Union(newFiles.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var diffs = new List<FileDiff>();
        foreach (var path in paths)
        {
            var hasOld = oldFiles.TryGetValue(path, out var before);
            var hasNew = newFiles.TryGetValue(path, out var after);
            var changes = CompareGrants(hasOld ? before.Grants : [], hasNew ? after.Grants : []);
            if (changes.Count == 0)
            {
                continue;
            }

            var status = !hasOld ? FileStatus.Added : !hasNew ? FileStatus.Removed : FileStatus.Modified;
            var name = oldSet.IsFolder ? path : FileLabel(before.File, after.File);
            diffs.Add(new FileDiff(name, hasOld ? before.File.DisplayPath : null, hasNew ? after.File.DisplayPath : null, status, changes));
        }

        return new DiffResult(oldSet.Argument, newSet.Argument, paths.Length, diffs);
    }

    /// <summary>Two single files are always paired, whatever their names.</summary>
    private static string Key(PolicySet set, PolicyFile file) => set.IsFolder ? file.RelativePath : "";

    private static string FileLabel(PolicyFile before, PolicyFile after) =>
        string.Equals(before.RelativePath, after.RelativePath, StringComparison.Ordinal)
            ? after.RelativePath
            : before.RelativePath + " -> " + after.RelativePath;

    public static IReadOnlyList<GrantChange> CompareGrants(IReadOnlyList<Grant> oldGrants, IReadOnlyList<Grant> newGrants)
    {
        var oldIds = oldGrants.Select(g => g.Identity).ToHashSet(StringComparer.Ordinal);
        var newIds = newGrants.Select(g => g.Identity).ToHashSet(StringComparer.Ordinal);
        var changes = new List<GrantChange>();

        foreach (var grant in newGrants.Where(g => !oldIds.Contains(g.Identity)))
        {
            var reason = grant.Effect == Effect.Allow ? AddedAllowReason(grant, oldGrants) : null;
            changes.Add(new GrantChange(ChangeKind.Added, grant, reason));
        }

        foreach (var grant in oldGrants.Where(g => !newIds.Contains(g.Identity)))
        {
            var reason = grant.Effect == Effect.Deny ? RemovedDenyReason(grant, newGrants) : null;
            changes.Add(new GrantChange(ChangeKind.Removed, grant, reason));
        }

        return changes
            .OrderBy(c => c.IsWidening ? 0 : 1)
            .ThenBy(c => c.Kind == ChangeKind.Added ? 0 : 1)
            .ThenBy(c => c.Grant.SortKey, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Null when an old Allow grant covers the new one; otherwise the most specific reason.</summary>
    private static string? AddedAllowReason(Grant grant, IReadOnlyList<Grant> oldGrants)
    {
        var allows = oldGrants.Where(g => g.Effect == Effect.Allow).ToArray();
        if (allows.Any(old => Coverage.Covers(old, grant)))
        {
            return null;
        }

        var sameAction = allows.Where(old => Coverage.ActionCovers(old.Action, grant.Action)).ToArray();
        if (sameAction.Length == 0)
        {
            return grant.Action.Kind == TermKind.Not
                ? "no old Allow grant covers every action except " + List(grant.Action.Values)
                : $"no old Allow grant covers action {grant.Action.Pattern}";
        }

        var sameResource = sameAction.Where(old => Coverage.ResourceCovers(old.Resource, grant.Resource)).ToArray();
        if (sameResource.Length == 0)
        {
            return $"no old Allow grant for this action covers resource {Describe(grant.Resource)}";
        }

        var samePrincipal = sameResource.Where(old => Coverage.PrincipalCovers(old.Principal, grant.Principal)).ToArray();
        if (samePrincipal.Length == 0)
        {
            return $"no old Allow grant for this action covers principal {Describe(grant.Principal)}";
        }

        // Action, resource and principal are covered: a condition was removed or loosened.
        // The closest old grant: the same action and resource if there is one, then the most conditions.
        var closest = samePrincipal
            .OrderBy(old => old.Action.Key == grant.Action.Key && old.Resource.Key == grant.Resource.Key ? 0 : 1)
            .ThenByDescending(old => old.Conditions.Count)
            .ThenBy(old => old.SortKey, StringComparer.Ordinal)
            .First();
        var missing = Coverage.FirstUncoveredCondition(closest.Conditions, grant.Conditions)!;
        var sameKey = grant.Conditions.FirstOrDefault(c => string.Equals(c.NormalizedKey, missing.NormalizedKey, StringComparison.Ordinal));
        return sameKey is null
            ? $"condition removed: {missing}"
            : $"condition loosened: was {missing}, now {sameKey}";
    }

    /// <summary>Null when a new Deny grant still forbids at least as much; otherwise why the deny is gone.</summary>
    private static string? RemovedDenyReason(Grant grant, IReadOnlyList<Grant> newGrants)
    {
        var denies = newGrants.Where(g => g.Effect == Effect.Deny).ToArray();
        if (denies.Any(deny => Coverage.Covers(deny, grant)))
        {
            return null;
        }

        var sameScope = denies.Where(deny => Coverage.ActionCovers(deny.Action, grant.Action)
            && Coverage.ResourceCovers(deny.Resource, grant.Resource)
            && Coverage.PrincipalCovers(deny.Principal, grant.Principal)).ToArray();
        if (sameScope.Length == 0)
        {
            return "Deny removed: nothing forbids this any more";
        }

        var closest = sameScope.OrderBy(deny => deny.Conditions.Count).ThenBy(deny => deny.SortKey, StringComparer.Ordinal).First();
        var added = Coverage.FirstUncoveredCondition(closest.Conditions, grant.Conditions)!;
        return $"Deny narrowed: it now applies only when {added}";
    }

    private static string Describe(Term term) => term.Kind switch
    {
        TermKind.None => "(none)",
        TermKind.One => term.Pattern,
        _ => "every one except " + List(term.Values),
    };

    private static string List(IReadOnlyList<string> values) => "[" + string.Join(", ", values) + "]";
}
