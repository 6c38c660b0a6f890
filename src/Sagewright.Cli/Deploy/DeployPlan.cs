using System;
using System.Collections.Generic;
using System.Linq;
using Sagewright.Cli.Aws;
using Sagewright.Cli.Diff;
using Sagewright.Cli.Sources;

namespace Sagewright.Cli.Deploy;

public enum RoleAction
{
    Unchanged,
    Create,
    Update,
}

public sealed record RolePlan(RoleFile Role, RoleAction Action, bool TrustChanged, bool PolicyChanged, IReadOnlyList<Tag> TagsToSet, IReadOnlyList<string> PoliciesToAttach)
{
    public bool HasWrites => Action == RoleAction.Create || TrustChanged || PolicyChanged || TagsToSet.Count > 0 || PoliciesToAttach.Count > 0;
}

public enum PipelineAction
{
    Unchanged,
    Create,
    Update,
}

public sealed record PipelinePlan(PipelineAction Action, string? Arn, IReadOnlyList<string> Changes, IReadOnlyList<Tag> TagsToAdd);

public sealed record DeployPlan(
    PipelineFolder Folder,
    IReadOnlyList<ArtifactFile> Uploads,
    int ArtifactsPresent,
    IReadOnlyList<RolePlan> Roles,
    DiffResult PolicyDiff,
    PipelinePlan Pipeline)
{
    public int Widening => PolicyDiff.Widening;

    public bool HasWrites => Uploads.Count > 0 || Roles.Any(r => r.HasWrites) || Pipeline.Action != PipelineAction.Unchanged || Pipeline.TagsToAdd.Count > 0;
}
