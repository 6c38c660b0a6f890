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

/// <summary>Reads what is deployed, says what a deploy would change, and makes the changes in an order that a failure
/// midway leaves working and a rerun completes: artifacts, then roles (trust, inline policy, tags, managed policies),
/// then the pipeline that uses them.</summary>
public sealed partial class Deployer(AwsSession session)
{
    /// <summary>Tag every role gets, naming the pipeline that manages it.</summary>
    public const string ManagedByTag = "sagewright:pipeline";

    private readonly SageMakerClient _sageMaker = new(session);
    private readonly IamClient _iam = new(session);

    public async Task<DeployPlan> PlanAsync(PipelineFolder folder)
    {
        await CheckTargetAsync(folder).ConfigureAwait(false);
        var (roles, deployed, local) = await PlanRolesAsync(folder, folder.Roles).ConfigureAwait(false);
        var pipeline = await PlanPipelineAsync(folder).ConfigureAwait(false);

        // Artifacts: content-addressed keys, so an object that is there is the right one.
        var uploads = new List<ArtifactFile>();
        using (var s3 = new S3Store(session))
        {
            foreach (var artifact in folder.Artifacts)
            {
                if (!await s3.ExistsAsync(artifact.Bucket, artifact.Key).ConfigureAwait(false))
                {
                    uploads.Add(artifact);
                }
            }
        }

        var diff = Diff.PolicyDiff.Compare(new PolicySet("deployed", true, deployed), new PolicySet("local", true, local));
        return new DeployPlan(folder, uploads, folder.Artifacts.Count - uploads.Count, roles, diff, pipeline);
    }

    private static IReadOnlyList<Tag> RoleTags(PipelineFolder folder) =>
        folder.Tags.Where(t => t.Key != ManagedByTag).Append(new Tag(ManagedByTag, folder.PipelineName)).ToList();

    private async Task<PipelinePlan> PlanPipelineAsync(PipelineFolder folder)
    {
        DescribePipelineResponse current;
        try
        {
            current = await _sageMaker.DescribePipelineAsync(new DescribePipelineRequest(folder.PipelineName)).ConfigureAwait(false);
        }
        catch (AwsException ex) when (ex.Code == "ResourceNotFound")
        {
            var definition = JsonNode.Parse(folder.Definition)!;
            return new PipelinePlan(PipelineAction.Create, null,
                [$"new pipeline: {Words.Plural((definition["Steps"] as JsonArray)?.Count ?? 0, "step", "steps")}, {Words.Plural((definition["Parameters"] as JsonArray)?.Count ?? 0, "parameter", "parameters")}, {Words.Plural(folder.Tags.Count, "tag", "tags")}"],
                []);
        }

        var changes = new List<string>();
        changes.AddRange(DefinitionChanges(current.PipelineDefinition, folder.Definition));
        if (!string.Equals(current.RoleArn, folder.RoleArn, StringComparison.Ordinal))
        {
            changes.Add($"role: {current.RoleArn} -> {folder.RoleArn}");
        }

        if (!string.Equals(current.PipelineDescription ?? "", folder.Description ?? "", StringComparison.Ordinal))
        {
            changes.Add("description changed");
        }

        if (folder.DisplayName is not null && !string.Equals(current.PipelineDisplayName, folder.DisplayName, StringComparison.Ordinal))
        {
            changes.Add($"display name: {current.PipelineDisplayName} -> {folder.DisplayName}");
        }

        var tags = folder.Tags.Count == 0 || current.PipelineArn is null ? [] : await _sageMaker.ListAllTagsAsync(current.PipelineArn).ConfigureAwait(false);
        var missing = folder.Tags.Where(t => !tags.Contains(t)).ToList();
        return new PipelinePlan(changes.Count > 0 ? PipelineAction.Update : PipelineAction.Unchanged, current.PipelineArn, changes, missing);
    }

    /// <summary>What changed between two definitions, per parameter and per step (by name), then anything else.</summary>
    internal static IReadOnlyList<string> DefinitionChanges(string? deployed, string local)
    {
        JsonObject? before;
        try
        {
            before = deployed is null ? null : JsonNode.Parse(deployed) as JsonObject;
        }
        catch (JsonException)
        {
            before = null;
        }

        var after = (JsonObject)JsonNode.Parse(local)!;
        if (before is null)
        {
            return ["definition replaced (the deployed one is not JSON)"];
        }

        var changes = new List<string>();
        foreach (var (section, label) in new[] { ("Parameters", "parameter"), ("Steps", "step") })
        {
            var old = ByName(before[section]);
            var now = ByName(after[section]);
            foreach (var name in old.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
            {
                if (!now.ContainsKey(name))
                {
                    changes.Add($"{label} {name}: removed");
                }
                else if (!old.TryGetValue(name, out var was))
                {
                    changes.Add($"{label} {name}: added" + (now[name]["Type"] is JsonValue t ? $" ({t})" : ""));
                }
                else if (!JsonNode.DeepEquals(was, now[name]))
                {
                    changes.Add($"{label} {name}: changed ({string.Join(", ", ChangedMembers(was, now[name]))})");
                }
            }

            if (old.Keys.Order(StringComparer.Ordinal).SequenceEqual(now.Keys.Order(StringComparer.Ordinal)) && !old.Keys.SequenceEqual(now.Keys))
            {
                changes.Add($"{section.ToLowerInvariant()}: reordered");
            }
        }

        foreach (var key in before.Select(p => p.Key).Union(after.Select(p => p.Key)).Where(k => k is not "Parameters" and not "Steps").Order(StringComparer.Ordinal))
        {
            if (!JsonNode.DeepEquals(before[key], after[key]))
            {
                changes.Add($"{key}: changed");
            }
        }

        return changes;
    }

    private static IEnumerable<string> ChangedMembers(JsonNode before, JsonNode after)
    {
        var a = before as JsonObject ?? [];
        var b = after as JsonObject ?? [];
        return a.Select(p => p.Key).Union(b.Select(p => p.Key)).Where(k => !JsonNode.DeepEquals(a[k], b[k])).Order(StringComparer.Ordinal);
    }

    /// <summary>Parameters or steps by name. Steps nested in a condition (IfSteps, ElseSteps) are listed as steps of
    /// their own, and a condition is compared without them, so a change shows on the step that changed.</summary>
    private static Dictionary<string, JsonNode> ByName(JsonNode? array)
    {
        var result = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        void Add(JsonNode? items)
        {
            foreach (var item in items as JsonArray ?? [])
            {
                if (item?["Name"] is not JsonValue name || !name.TryGetValue<string>(out var text))
                {
                    continue;
                }

                var copy = item.DeepClone();
                if (copy["Arguments"] is JsonObject arguments)
                {
                    foreach (var branch in new[] { "IfSteps", "ElseSteps" })
                    {
                        if (arguments[branch] is JsonArray nested)
                        {
                            Add(nested);
                            arguments[branch] = new JsonArray(nested.Select(n => (JsonNode?)JsonValue.Create((string?)n?["Name"])).ToArray());
                        }
                    }
                }

                result[text] = copy;
            }
        }

        Add(array);
        return result;
    }

    internal static bool SameJson(string deployed, byte[] local)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(deployed), JsonNode.Parse(local));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Makes the planned changes, writing one line per call to <paramref name="log"/>.</summary>
    public async Task ApplyAsync(DeployPlan plan, TextWriter log, string? projectDirectory)
    {
        var folder = plan.Folder;
        if (plan.Uploads.Count > 0)
        {
            // Read every file first: an edited script stops the deploy before any write.
            var contents = plan.Uploads.Select(a => (Artifact: a, Bytes: folder.Content(a, projectDirectory))).ToList();
            using var s3 = new S3Store(session);
            foreach (var (artifact, bytes) in contents)
            {
                var written = await s3.PutIfAbsentAsync(artifact.Bucket, artifact.Key, bytes, Convert.ToHexStringLower(SHA256.HashData(bytes))).ConfigureAwait(false);
                log.Write(written ? $"uploaded {artifact.S3Uri}\n" : $"already in S3 {artifact.S3Uri}\n");
            }
        }

        await ApplyRolesAsync(plan.Roles, log).ConfigureAwait(false);

        var pipeline = plan.Pipeline;
        var rolesWritten = plan.Roles.Any(r => r.HasWrites);
        if (pipeline.Action == PipelineAction.Create)
        {
            var created = await WhileRolesPropagate(rolesWritten, log, () => _sageMaker.CreatePipelineAsync(new CreatePipelineRequest(
                folder.PipelineName, folder.DisplayName, folder.Definition, folder.Description,
                IdempotencyToken(folder.PipelineName + "\n" + folder.Definition + "\n" + folder.RoleArn), folder.RoleArn,
                folder.Tags.Count == 0 ? null : folder.Tags))).ConfigureAwait(false);
            log.Write($"created pipeline {folder.PipelineName} ({created.PipelineArn})\n");
        }
        else if (pipeline.Action == PipelineAction.Update)
        {
            await WhileRolesPropagate(rolesWritten, log, () => _sageMaker.UpdatePipelineAsync(new UpdatePipelineRequest(folder.PipelineName, folder.DisplayName, folder.Definition, folder.Description, folder.RoleArn))).ConfigureAwait(false);
            log.Write($"updated pipeline {folder.PipelineName}\n");
        }

        if (pipeline.TagsToAdd.Count > 0 && pipeline.Arn is not null)
        {
            await _sageMaker.AddTagsAsync(new AddTagsRequest(pipeline.Arn, pipeline.TagsToAdd)).ConfigureAwait(false);
            log.Write($"tagged pipeline {folder.PipelineName} ({string.Join(", ", pipeline.TagsToAdd.Select(t => t.Key))})\n");
        }
    }

    /// <summary>IAM is eventually consistent: a role created or changed a moment ago may not be assumable by SageMaker
    /// yet, and CreatePipeline/UpdatePipeline then fail validation ("Could not assume role"). After role writes, retry
    /// that failure for up to about a minute (12 tries, 5 s apart by default).</summary>
    internal async Task<T> WhileRolesPropagate<T>(bool rolesWritten, TextWriter log, Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (AwsException ex) when (rolesWritten && attempt < 12 && ex.Code == "ValidationException"
                && ex.AwsMessage is { } message && message.Contains("assume", StringComparison.OrdinalIgnoreCase) && message.Contains("role", StringComparison.OrdinalIgnoreCase))
            {
                var delay = session.Tuning.PollInterval ?? TimeSpan.FromSeconds(5);
                log.Write($"waiting for IAM: SageMaker cannot assume the new role yet ({AwsSession.FirstLine(message)}); retrying in {delay.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s\n");
                await Task.Delay(delay).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A token derived from the request, so a retried or rerun create is recognised as the same one.</summary>
    internal static string IdempotencyToken(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..40];
}
