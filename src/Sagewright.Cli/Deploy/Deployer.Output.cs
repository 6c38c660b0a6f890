using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Sagewright.Cli.Aws;
using Sagewright.Cli.Diff;
using Sagewright.Cli.Output;
using Sagewright.Cli.Sources;

namespace Sagewright.Cli.Deploy;

/// <summary>How a deploy plan is printed.</summary>
public sealed partial class Deployer
{
    /// <summary>The plan, as text.</summary>
    public static void WritePlan(DeployPlan plan, StyledOutput output)
    {
        var folder = plan.Folder;
        output.WriteLine($"Plan for pipeline {folder.PipelineName}", Tone.Heading);
        output.WriteLine();
        output.WriteLine($"Artifacts: {Words.Number(plan.Uploads.Count)} to upload, {Words.Number(plan.ArtifactsPresent)} already in S3", Tone.Heading);
        foreach (var artifact in plan.Uploads)
        {
            output.WriteLine($"  + {artifact.S3Uri} ({artifact.Path})", Tone.Added);
        }

        output.WriteLine();
        WriteRoles(plan.Roles, plan.PolicyDiff, output);

        output.WriteLine();
        output.WriteLine("Pipeline:", Tone.Heading);
        switch (plan.Pipeline.Action)
        {
            case PipelineAction.Create:
                output.WriteLine($"  + {folder.PipelineName}: {string.Join("; ", plan.Pipeline.Changes)}", Tone.Added);
                break;
            case PipelineAction.Update:
                output.WriteLine($"  ~ {folder.PipelineName}: update", Tone.Widening);
                foreach (var change in plan.Pipeline.Changes)
                {
                    output.WriteLine("      " + change);
                }

                break;
            default:
                output.WriteLine($"  = {folder.PipelineName}: unchanged", Tone.Muted);
                break;
        }

        if (plan.Pipeline.TagsToAdd.Count > 0)
        {
            output.WriteLine($"      tags to set: {string.Join(", ", plan.Pipeline.TagsToAdd.Select(t => t.Key))}");
        }

        output.WriteLine();
        var roleChanges = plan.Roles.Count(r => r.HasWrites);
        output.WriteLine(plan.HasWrites
            ? $"Summary: {Words.Plural(plan.Uploads.Count, "upload", "uploads")}, {Words.Plural(roleChanges, "role to create or update", "roles to create or update")}, pipeline {PipelineWord(plan.Pipeline)}; {Words.Plural(plan.Widening, "widening change", "widening changes")}."
            : "Summary: nothing to change.", Tone.Heading);
    }

    private static string PipelineWord(PipelinePlan plan) => plan.Action switch
    {
        PipelineAction.Create => "to create",
        PipelineAction.Update => "to update",
        _ => plan.TagsToAdd.Count > 0 ? "to tag" : "unchanged",
    };

    /// <summary>Each role new, changed or unchanged, then the policy diff of deployed against built (WIDENING marked).</summary>
    internal static void WriteRoles(IEnumerable<RolePlan> roles, DiffResult diff, StyledOutput output)
    {
        output.WriteLine("Roles:", Tone.Heading);
        foreach (var role in roles)
        {
            var name = role.Role.Name;
            switch (role.Action)
            {
                case RoleAction.Create:
                    output.WriteLine($"  + {name}: new role (trust policy, inline policy {name}, {Words.Plural(role.TagsToSet.Count, "tag", "tags")}" +
                        (role.PoliciesToAttach.Count > 0 ? $", {Words.Plural(role.PoliciesToAttach.Count, "managed policy", "managed policies")}" : "") + ")", Tone.Added);
                    break;
                case RoleAction.Update:
                    var what = new List<string>();
                    if (role.TrustChanged)
                    {
                        what.Add("trust policy");
                    }

                    if (role.PolicyChanged)
                    {
                        what.Add("inline policy");
                    }

                    if (role.TagsToSet.Count > 0)
                    {
                        what.Add("tags " + string.Join(", ", role.TagsToSet.Select(t => t.Key)));
                    }

                    if (role.PoliciesToAttach.Count > 0)
                    {
                        what.Add("attach " + string.Join(", ", role.PoliciesToAttach));
                    }

                    output.WriteLine($"  ~ {name}: {string.Join("; ", what)}", Tone.Widening);
                    break;
                default:
                    output.WriteLine($"  = {name}: unchanged", Tone.Muted);
                    break;
            }
        }

        if (diff.HasChanges)
        {
            output.WriteLine();
            output.WriteLine("Policy changes (deployed -> local):", Tone.Heading);
            DiffRenderers.WriteText(diff, output);
        }
    }
}
