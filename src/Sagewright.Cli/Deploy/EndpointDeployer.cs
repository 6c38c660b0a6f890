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

namespace Sagewright.Cli.Deploy;

/// <summary>The API requests the build wrote for one endpoint (<c>endpoints/&lt;endpoint&gt;/</c>).</summary>
public sealed record EndpointFolder(string Name, string Folder, JsonObject Model, JsonObject Config, JsonObject Endpoint, IReadOnlyList<(JsonObject Target, JsonObject? Policy)> Scaling)
{
    public static EndpointFolder Load(PipelineFolder pipeline, string? name)
    {
        var root = Path.Combine(pipeline.Folder, "endpoints");
        var names = Directory.Exists(root) ? Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList() : [];
        if (names.Count == 0)
        {
            throw new CliException($"{pipeline.Folder}: no endpoints/ folder: the pipeline declares no [Endpoint]");
        }

        if (name is null)
        {
            name = names.Count == 1 ? names[0] : throw new CliException($"the pipeline has {names.Count} endpoints ({string.Join(", ", names)}): choose one with --endpoint");
        }
        else if (!names.Contains(name, StringComparer.Ordinal))
        {
            throw new CliException($"--endpoint {name}: no such endpoint (endpoints/ has {string.Join(", ", names)})");
        }

        var folder = Path.Combine(root, name);
        var scaling = Directory.GetFiles(folder, "register-scalable-target*.json").Order(StringComparer.Ordinal).Select(target =>
        {
            var policy = Path.Combine(folder, Path.GetFileName(target).Replace("register-scalable-target", "put-scaling-policy", StringComparison.Ordinal));
            return (Read(target), File.Exists(policy) ? Read(policy) : null);
        }).ToList();
        return new EndpointFolder(name, folder, Read(Path.Combine(folder, "create-model.json")), Read(Path.Combine(folder, "create-endpoint-config.json")), Read(Path.Combine(folder, "create-endpoint.json")), scaling);
    }

    private static JsonObject Read(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new CliException($"{path}: not a JSON object");
        }
        catch (IOException ex)
        {
            throw new CliException($"{path}: cannot read ({ex.Message}); rebuild the project");
        }
        catch (JsonException ex)
        {
            throw new CliException($"{path}: invalid JSON ({AwsSession.FirstLine(ex.Message)})");
        }
    }
}

/// <summary>Deploys an endpoint from an approved model package version: CreateModel and CreateEndpointConfig with
/// names of their own per version (and per request content), CreateEndpoint or UpdateEndpoint, the
/// <c>endpoint_in_service</c> waiter, a rollback to the previous configuration on failure, then auto-scaling.</summary>
public sealed class EndpointDeployer(AwsSession session, TextWriter log, TextWriter error, bool useColor = false)
{
    public const int Failed = 3;
    public const int TimedOut = 5;

    private readonly SageMakerClient _sageMaker = new(session);

    public async Task<int> DeployAsync(PipelineFolder pipeline, EndpointFolder endpoint, string? packageArn, TimeSpan? timeout, Func<int, bool> allowWidening)
    {
        var deployer = new Deployer(session);
        await deployer.CheckTargetAsync(pipeline).ConfigureAwait(false);
        var group = (string?)endpoint.Model["PrimaryContainer"]?["ModelPackageName"] ?? throw new CliException($"{endpoint.Folder}/create-model.json: no PrimaryContainer.ModelPackageName");
        if (packageArn is null)
        {
            var approved = await _sageMaker.ListAllModelPackagesAsync(group, "Approved").ConfigureAwait(false);
            packageArn = approved.FirstOrDefault()?.ModelPackageArn
                ?? throw new CliException($"model package group {group} has no Approved version: approve one with 'sagewright approve {group}'");
        }
        else if (!packageArn.StartsWith("arn:", StringComparison.Ordinal) || !packageArn.Contains(":model-package/", StringComparison.Ordinal))
        {
            throw new CliException($"--package {packageArn}: not a model package version ARN (arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>)");
        }

        var version = packageArn[(packageArn.LastIndexOf('/') + 1)..];
        var (model, config, configName) = Versioned(endpoint, packageArn, version);
        var endpointName = (string)endpoint.Endpoint["EndpointName"]!;
        log.Write($"endpoint {endpointName}: model package {packageArn}\n");

        // The endpoint's role, as deploy does it: the plan (with the policy diff), the widening gate, then the writes.
        var roleArn = (string?)endpoint.Model["ExecutionRoleArn"];
        var roles = pipeline.Roles.Where(r => r.Arn == roleArn).ToList();
        var (rolePlans, deployed, local) = await deployer.PlanRolesAsync(pipeline, roles).ConfigureAwait(false);
        var rolesWritten = rolePlans.Any(r => r.HasWrites);
        if (rolesWritten)
        {
            var diff = Diff.PolicyDiff.Compare(new Sources.PolicySet("deployed", true, deployed), new Sources.PolicySet("local", true, local));
            Deployer.WriteRoles(rolePlans, diff, Output.StyledOutput.Create(log, useColor));
            log.Flush();
            if (diff.Widening > 0 && !allowWidening(diff.Widening))
            {
                return ExitCodes.Widening;
            }

            await deployer.ApplyRolesAsync(rolePlans, log).ConfigureAwait(false);
        }

        var current = await DescribeAsync(endpointName).ConfigureAwait(false);
        if (current is { EndpointStatus: "InService" } && current.EndpointConfigName == configName)
        {
            log.Write($"endpoint {endpointName} already serves version {version} with configuration {configName}: no write call made.\n");
            return ExitCodes.Success;
        }

        if (current is { EndpointStatus: not ("InService" or "Failed") } && current.EndpointConfigName != configName)
        {
            throw new CliException($"endpoint {endpointName} is {current.EndpointStatus}: wait for it to finish, then run again");
        }

        var previous = current?.EndpointStatus == "InService" ? current.EndpointConfigName : null;
        if (current is null || current.EndpointConfigName != configName)
        {
            await CreateAsync("model", (string)model["ModelName"]!, () => deployer.WhileRolesPropagate(rolesWritten, log, () => _sageMaker.CreateModelAsync(model))).ConfigureAwait(false);
            await CreateAsync("endpoint configuration", configName, () => _sageMaker.CreateEndpointConfigAsync(config)).ConfigureAwait(false);
            if (current is null)
            {
                var create = endpoint.Endpoint.DeepClone().AsObject();
                create["EndpointConfigName"] = configName;
                await _sageMaker.CreateEndpointAsync(create).ConfigureAwait(false);
                log.Write($"creating endpoint {endpointName} ({configName})\n");
            }
            else
            {
                await _sageMaker.UpdateEndpointAsync(new UpdateEndpointRequest(endpointName, configName)).ConfigureAwait(false);
                log.Write($"updating endpoint {endpointName} from {current.EndpointConfigName} to {configName}\n");
            }
        }

        var waited = await WaitAsync(endpointName, timeout).ConfigureAwait(false);
        if (waited is null)
        {
            log.Write($"endpoint {endpointName}: still not in service at --timeout; it goes on. Auto-scaling is not applied: once it is in service, apply register-scalable-target.json and put-scaling-policy.json (a rerun sees the endpoint up to date and writes nothing).\n");
            return TimedOut;
        }

        if (waited.EndpointStatus != "InService" || waited.EndpointConfigName != configName)
        {
            return await RollBackAsync(endpointName, configName, previous, waited, timeout).ConfigureAwait(false);
        }

        var scaling = new AutoScalingClient(session);
        foreach (var (target, policy) in endpoint.Scaling)
        {
            await scaling.RegisterScalableTargetAsync(target).ConfigureAwait(false);
            log.Write($"registered scalable target {(string?)target["ResourceId"]} ({(int?)target["MinCapacity"]}-{(int?)target["MaxCapacity"]} instances)\n");
            if (policy is not null)
            {
                await scaling.PutScalingPolicyAsync(policy).ConfigureAwait(false);
                log.Write($"put scaling policy {(string?)policy["PolicyName"]}\n");
            }
        }

        log.Write($"Deployed endpoint {endpointName}: version {version} in service ({configName}).\n");
        return ExitCodes.Success;
    }

    /// <summary>The build's requests with the version's ARN and names of their own per version and content: a
    /// model cannot be changed, so a new version (or new requests) needs a new model and configuration.</summary>
    internal static (JsonObject Model, JsonObject Config, string ConfigName) Versioned(EndpointFolder endpoint, string packageArn, string version)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(endpoint.Model.ToJsonString() + "\n" + endpoint.Config.ToJsonString())))[..8];
        var suffix = "-" + version + "-" + hash;
        var model = endpoint.Model.DeepClone().AsObject();
        var modelName = (string)model["ModelName"]! + suffix;
        model["ModelName"] = modelName;
        model["PrimaryContainer"]!["ModelPackageName"] = packageArn;
        var config = endpoint.Config.DeepClone().AsObject();
        var configName = (string)config["EndpointConfigName"]! + suffix;
        config["EndpointConfigName"] = configName;
        foreach (var variant in config["ProductionVariants"] as JsonArray ?? [])
        {
            variant!["ModelName"] = modelName;
        }

        return (model, config, configName);
    }

    private async Task CreateAsync(string kind, string name, Func<Task<JsonObject>> create)
    {
        try
        {
            await create().ConfigureAwait(false);
            log.Write($"created {kind} {name}\n");
        }
        catch (AwsException ex) when (ex.Code == "ValidationException" && ex.AwsMessage is { } m && m.Contains("already existing", StringComparison.OrdinalIgnoreCase))
        {
            // Created by an earlier run that stopped before the endpoint: its name says it holds the same requests.
            log.Write($"{kind} {name} already exists\n");
        }
    }

    private async Task<DescribeEndpointResponse?> DescribeAsync(string name)
    {
        try
        {
            return await _sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest(name)).ConfigureAwait(false);
        }
        catch (AwsException ex) when (ex.Code == "ValidationException" && ex.AwsMessage is { } m && m.Contains("Could not find endpoint", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
    }

    /// <summary>The <c>endpoint_in_service</c> waiter (waiters-2.json: DescribeEndpoint every 30 s, at most 120
    /// times; InService succeeds, Failed or a ValidationException fails), with each status change logged. Null when
    /// the timeout (or the attempts) ran out.</summary>
    private async Task<DescribeEndpointResponse?> WaitAsync(string name, TimeSpan? timeout)
    {
        var delay = session.Tuning.PollInterval ?? TimeSpan.FromSeconds(30);
        var deadline = timeout is { } t ? DateTime.UtcNow + t : (DateTime?)null;
        string? last = null;
        for (var attempt = 1; attempt <= 120; attempt++)
        {
            var described = await _sageMaker.DescribeEndpointAsync(new DescribeEndpointRequest(name)).ConfigureAwait(false);
            if (described.EndpointStatus != last)
            {
                last = described.EndpointStatus;
                log.Write($"endpoint {name}: {last}\n");
            }

            if (described.EndpointStatus is "InService" or "Failed")
            {
                return described;
            }

            if (deadline is { } d && DateTime.UtcNow + delay > d)
            {
                return null;
            }

            await Task.Delay(delay).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<int> RollBackAsync(string name, string configName, string? previous, DescribeEndpointResponse waited, TimeSpan? timeout)
    {
        var reason = waited.FailureReason is { Length: > 0 } r ? AwsSession.FirstLine(r) : "no reason given";
        if (waited.EndpointStatus == "InService")
        {
            // SageMaker rolled the update back itself: the endpoint serves its previous configuration.
            error.Write($"endpoint deploy failed: the update of {name} to {configName} was rolled back by SageMaker ({reason}); it still serves {waited.EndpointConfigName}. Auto-scaling not changed.\n");
            return Failed;
        }

        if (previous is null)
        {
            error.Write($"endpoint deploy failed: endpoint {name} is Failed ({reason}); there is no previous configuration to roll back to: fix the cause, delete the endpoint (aws sagemaker delete-endpoint --endpoint-name {name}) and run again.\n");
            return Failed;
        }

        log.Write($"endpoint {name} failed ({reason}); rolling back to {previous}\n");
        await _sageMaker.UpdateEndpointAsync(new UpdateEndpointRequest(name, previous)).ConfigureAwait(false);
        var back = await WaitAsync(name, timeout).ConfigureAwait(false);
        if (back is { EndpointStatus: "InService" })
        {
            error.Write($"endpoint deploy failed: {configName} did not come into service ({reason}); rolled back: {name} serves {previous} again. Auto-scaling not changed.\n");
        }
        else
        {
            error.Write($"endpoint deploy failed: {configName} did not come into service ({reason}), and the rollback to {previous} has not come into service either ({back?.EndpointStatus ?? "still waiting"}): check the endpoint in the console.\n");
        }

        return Failed;
    }
}
