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

    /// <summary>A value that was replaced (only for <see cref="DocumentChange"/>s).</summary>
    Changed,
}

/// <summary>What a compared file is: an IAM policy (identity or trust), or the <c>roles.json</c> a build writes.</summary>
public enum FileKind
{
    Policy,
    Roles,
}

public enum FileStatus
{
    Modified,
    Added,
    Removed,
}

/// <summary>One added, removed or changed grant. <see cref="Reason"/> says why it widens what the role may do,
/// or is null when it does not. A <see cref="ChangeKind.Changed"/> grant is <see cref="Grant"/> now and
/// <see cref="Previous"/> before: the same effect, action and principal with another resource or other conditions.</summary>
public sealed record GrantChange(ChangeKind Kind, Grant Grant, string? Reason)
{
    public bool IsWidening => Reason is not null;

    /// <summary>The grant it replaced (only for <see cref="ChangeKind.Changed"/>).</summary>
    public Grant? Previous { get; init; }

    /// <summary>For an added or changed grant when the new side has a report.md: the reasons it gives for the grant
    /// (empty when it gives none); otherwise null.</summary>
    public IReadOnlyList<string>? ReportReasons { get; init; }

    /// <summary>"resource changed from X to Y" for a changed grant; otherwise null.</summary>
    public string? Description => Previous is null ? null : ChangePairing.Describe(Previous, Grant);
}

/// <summary>A change that is not a grant: a policy's <c>Version</c>, or a setting or role of <c>roles.json</c>
/// (<see cref="Subject"/> is <c>Version</c>, <c>account</c>, <c>role Name</c>...). <see cref="Reason"/> says why it
/// widens what a role may do, or is null when it does not.</summary>
public sealed record DocumentChange(ChangeKind Kind, string Subject, string? OldValue, string? NewValue, string Text, string? Reason)
{
    public bool IsWidening => Reason is not null;
}

/// <summary>The changes of one file (paired by relative path). Grant changes are ordered: widening
/// first, then added, then removed, each by action, resource, principal, effect and conditions;
/// <see cref="DocumentChanges"/> likewise widening first.</summary>
public sealed record FileDiff(string Path, string? OldDisplayPath, string? NewDisplayPath, FileStatus Status, IReadOnlyList<GrantChange> Changes)
{
    public FileKind Kind { get; init; } = FileKind.Policy;

    public IReadOnlyList<DocumentChange> DocumentChanges { get; init; } = [];

    public int Added => Changes.Count(c => c.Kind == ChangeKind.Added);

    public int Removed => Changes.Count(c => c.Kind == ChangeKind.Removed);

    public int Changed => Changes.Count(c => c.Kind == ChangeKind.Changed);

    public int Widening => Changes.Count(c => c.IsWidening) + DocumentChanges.Count(c => c.IsWidening);
}

/// <summary>The whole comparison: every file compared, and the ones that changed (ordered by path).</summary>
public sealed record DiffResult(string OldArgument, string NewArgument, int FilesCompared, IReadOnlyList<FileDiff> Files)
{
    public int Added => Files.Sum(f => f.Added);

    public int Removed => Files.Sum(f => f.Removed);

    public int Changed => Files.Sum(f => f.Changed);

    public int Widening => Files.Sum(f => f.Widening);

    public int DocumentChanges => Files.Sum(f => f.DocumentChanges.Count);

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
        var oldFiles = oldSet.Files.ToDictionary(f => Key(oldSet, f), Read, StringComparer.Ordinal);
        var newFiles = newSet.Files.ToDictionary(f => Key(newSet, f), Read, StringComparer.Ordinal);
        if (!oldSet.IsFolder && oldFiles[""].Roles is null != newFiles[""].Roles is null)
        {
            throw new CliException($"cannot compare {oldSet.Argument} with {newSet.Argument}: give two policy files or two {RolesDocument.FileName} files");
        }

        var paths = oldFiles.Keys.Union(newFiles.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var diffs = new List<FileDiff>();
        foreach (var path in paths)
        {
            var hasOld = oldFiles.TryGetValue(path, out var before);
            var hasNew = newFiles.TryGetValue(path, out var after);
            var isRoles = (hasOld ? before : after)!.Roles is not null;
            var changes = isRoles ? [] : CompareGrants(hasOld ? before!.Grants : [], hasNew ? after!.Grants : []);
            // report.md has a subsection per identity-policy statement; trust policies are not explained there.
            if (hasNew && !isRoles && after!.File.RelativePath.EndsWith(".policy.json", StringComparison.Ordinal)
                && ReportSectionFor(newSet, after.File) is { HasReport: true } report)
            {
                changes = WithReportReasons(changes, report.Section);
            }

            var documentChanges = isRoles
                ? RolesDiff.Compare(before?.Roles, after?.Roles)
                : hasOld && hasNew ? VersionChanges(before!.Policy!, after!.Policy!) : [];
            if (changes.Count == 0 && documentChanges.Count == 0)
            {
                continue;
            }

            var status = !hasOld ? FileStatus.Added : !hasNew ? FileStatus.Removed : FileStatus.Modified;
            var name = oldSet.IsFolder ? path : FileLabel(before!.File, after!.File);
            diffs.Add(new FileDiff(name, before?.File.DisplayPath, after?.File.DisplayPath, status, changes)
            {
                Kind = isRoles ? FileKind.Roles : FileKind.Policy,
                DocumentChanges = documentChanges,
            });
        }

        return new DiffResult(oldSet.Argument, newSet.Argument, paths.Length, diffs);
    }

    /// <summary>The role's reasons beside a policy file: from report.json when the set has one there, else from
    /// report.md's headings (output written before report.json existed). <c>HasReport</c> is false when there is
    /// neither; <c>Section</c> is null when the report has no section for the role.</summary>
    private static (bool HasReport, Explain.ReportSection? Section) ReportSectionFor(PolicySet set, PolicyFile file)
    {
        var name = file.RelativePath[(file.RelativePath.LastIndexOf('/') + 1)..];
        var role = Explain.RoleContext.RoleNameOf(name);
        if (set.JsonReportFor(file) is { } json)
        {
            return (true, Explain.ReportJson.ReadSection(json, Explain.RoleContext.Sibling(file.DisplayPath, Explain.ReportJson.FileName), role));
        }

        return set.ReportFor(file) is { } report ? (true, Explain.RoleContext.ReadReport(System.Text.Encoding.UTF8.GetString(report), role)) : (false, null);
    }

    /// <summary>Each added and changed grant with the reasons the report gives for it (see
    /// <see cref="ChangePairing.ReportReasons"/>).</summary>
    private static IReadOnlyList<GrantChange> WithReportReasons(IReadOnlyList<GrantChange> changes, Explain.ReportSection? section) =>
        changes
            .Select(c => c.Kind == ChangeKind.Removed ? c : c with { ReportReasons = ChangePairing.ReportReasons(section, c.Grant) })
            .ToArray();

    /// <summary>A file read and normalised: a policy with its grants, or a roles file.</summary>
    private sealed record ReadFile(PolicyFile File, PolicyDocument? Policy, IReadOnlyList<Grant> Grants, RolesDocument? Roles);

    private static ReadFile Read(PolicyFile file)
    {
        var name = file.RelativePath[(file.RelativePath.LastIndexOf('/') + 1)..];
        if (RolesDocument.IsRolesFileName(name))
        {
            return new ReadFile(file, null, [], RolesDocument.Read(file.Content, file.DisplayPath));
        }

        var policy = PolicyReader.Read(file.Content, file.DisplayPath);
        return new ReadFile(file, policy, GrantNormalizer.Normalize(policy), null);
    }

    /// <summary>The policy language version decides whether policy variables (<c>${aws:username}</c>) are
    /// substituted (<c>2012-10-17</c>) or literal text (<c>2008-10-17</c>, or no <c>Version</c>). A change is
    /// reported; it widens when it turns variables on in a policy that uses them.</summary>
    public static IReadOnlyList<DocumentChange> VersionChanges(PolicyDocument before, PolicyDocument after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (string.Equals(before.Version, after.Version, StringComparison.Ordinal))
        {
            return [];
        }

        const string variables = "2012-10-17";
        var turnsOn = string.Equals(after.Version, variables, StringComparison.Ordinal)
            && !string.Equals(before.Version, variables, StringComparison.Ordinal)
            && UsesVariables(after);
        var was = before.Version ?? "(none)";
        var now = after.Version ?? "(none)";
        return
        [
            new DocumentChange(ChangeKind.Changed, "Version", before.Version, after.Version, $"Version changed from {was} to {now}",
                turnsOn ? $"policy variables such as ${{aws:username}} now stand for request values (Version {variables}); with Version {was} they were literal text" : null),
        ];
    }

    private static bool UsesVariables(PolicyDocument policy) =>
        policy.Statements.Any(s => (s.Resources?.Values ?? []).Concat(s.Principals?.Values ?? []).Concat(s.Actions.Values)
            .Concat(s.Conditions.SelectMany(c => c.Values.Append(c.Key)))
            .Any(v => v.Contains("${", StringComparison.Ordinal)));

    /// <summary>Two single files are always paired, whatever their names.</summary>
    private static string Key(PolicySet set, PolicyFile file) => set.IsFolder ? file.RelativePath : "";

    private static string FileLabel(PolicyFile before, PolicyFile after) =>
        string.Equals(before.RelativePath, after.RelativePath, StringComparison.Ordinal)
            ? after.RelativePath
            : before.RelativePath + " -> " + after.RelativePath;

    public static IReadOnlyList<GrantChange> CompareGrants(IReadOnlyList<Grant> oldGrants, IReadOnlyList<Grant> newGrants)
    {
        ArgumentNullException.ThrowIfNull(oldGrants);
        ArgumentNullException.ThrowIfNull(newGrants);
        var oldSet = oldGrants.ToHashSet();
        var newSet = newGrants.ToHashSet();
        var oldAllows = new CoverageIndex(oldGrants.Where(g => g.Effect == Effect.Allow));
        var newDenies = new CoverageIndex(newGrants.Where(g => g.Effect == Effect.Deny));
        var added = new List<GrantChange>();
        var removed = new List<GrantChange>();

        foreach (var grant in newGrants.Where(g => !oldSet.Contains(g)))
        {
            var reason = grant.Effect == Effect.Allow ? AddedAllowReason(grant, oldAllows) : null;
            added.Add(new GrantChange(ChangeKind.Added, grant, reason));
        }

        foreach (var grant in oldGrants.Where(g => !newSet.Contains(g)))
        {
            var reason = grant.Effect == Effect.Deny ? RemovedDenyReason(grant, newDenies) : null;
            removed.Add(new GrantChange(ChangeKind.Removed, grant, reason));
        }

        return ChangePairing.Pair(added, removed)
            .OrderBy(c => c.IsWidening ? 0 : 1)
            .ThenBy(c => c.Kind switch { ChangeKind.Added => 0, ChangeKind.Changed => 1, _ => 2 })
            .ThenBy(c => c.Grant, Grant.Order)
            .ToArray();
    }

    /// <summary>Null when an old Allow grant covers the new one; otherwise the most specific reason.</summary>
    private static string? AddedAllowReason(Grant grant, CoverageIndex oldAllows)
    {
        var sameResource = oldAllows.Candidates(grant)
            .Where(old => Coverage.ActionCovers(old.Action, grant.Action) && Coverage.ResourceCovers(old.Resource, grant.Resource))
            .ToArray();
        if (sameResource.Any(old => Coverage.PrincipalCovers(old.Principal, grant.Principal)
            && Coverage.FirstUncoveredCondition(old.Conditions, grant.Conditions) is null))
        {
            return null;
        }

        if (sameResource.Length == 0)
        {
            if (!oldAllows.ActionCandidates(grant).Any(old => Coverage.ActionCovers(old.Action, grant.Action)))
            {
                return grant.Action.Kind == TermKind.Not
                    ? "no old Allow grant covers every action except " + List(grant.Action.Values)
                    : $"no old Allow grant covers action {grant.Action.Pattern}";
            }

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
            .OrderBy(old => old.Action.Equals(grant.Action) && old.Resource.Equals(grant.Resource) ? 0 : 1)
            .ThenByDescending(old => old.Conditions.Count)
            .ThenBy(old => old, Grant.Order)
            .First();
        var missing = Coverage.FirstUncoveredCondition(closest.Conditions, grant.Conditions)!;
        var sameKey = grant.Conditions.FirstOrDefault(c => string.Equals(c.NormalizedKey, missing.NormalizedKey, StringComparison.Ordinal));
        return sameKey is null
            ? $"condition removed: {missing}"
            : $"condition loosened: was {missing}, now {sameKey}";
    }

    /// <summary>Null when a new Deny grant still forbids at least as much; otherwise why the deny is gone.</summary>
    private static string? RemovedDenyReason(Grant grant, CoverageIndex newDenies)
    {
        var sameScope = newDenies.Candidates(grant)
            .Where(deny => Coverage.ActionCovers(deny.Action, grant.Action)
                && Coverage.ResourceCovers(deny.Resource, grant.Resource)
                && Coverage.PrincipalCovers(deny.Principal, grant.Principal))
            .ToArray();
        if (sameScope.Any(deny => Coverage.FirstUncoveredCondition(deny.Conditions, grant.Conditions) is null))
        {
            return null;
        }

        if (sameScope.Length == 0)
        {
            return "Deny removed: nothing forbids this any more";
        }

        var closest = sameScope.OrderBy(deny => deny.Conditions.Count).ThenBy(deny => deny, Grant.Order).First();
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
