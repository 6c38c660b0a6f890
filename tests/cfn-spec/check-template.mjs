// Test-only: checks a CloudFormation template (JSON on stdin) against the CloudFormation resource schemas that
// @aws-cdk/aws-service-spec ships (a database built from the CloudFormation registry). Prints {"problems": [...]},
// each problem a path and what is wrong; an empty list means the template passed every check:
// - every resource type exists, and every resource has only the attributes CloudFormation knows (Type, Properties, …);
// - every property exists on its type and has the right type (string, number, integer, boolean, object, array, map,
//   tag, nested property types, unions), recursively; required properties are present;
// - IAM policy documents (the spec types them as JSON) have the shape of a policy: Version, Statement objects with
//   Effect, Action and Resource or Principal;
// - every Ref names a parameter, a resource or a pseudo parameter; every Fn::GetAtt names a resource and an attribute
//   its type has; every DependsOn names a resource; logical IDs are alphanumeric.
import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';

const db = await loadAwsServiceSpec();
const template = JSON.parse(await readStdin());
const problems = [];
const problem = (path, text) => problems.push(path + ': ' + text);

const pseudo = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
const topLevel = new Set(['AWSTemplateFormatVersion', 'Description', 'Metadata', 'Parameters', 'Rules', 'Mappings', 'Conditions', 'Transform', 'Resources', 'Outputs']);
const resourceKeys = new Set(['Type', 'Properties', 'DependsOn', 'Metadata', 'Condition', 'DeletionPolicy', 'UpdateReplacePolicy', 'CreationPolicy', 'UpdatePolicy']);
const parameterKeys = new Set(['Type', 'Default', 'Description', 'AllowedValues', 'AllowedPattern', 'ConstraintDescription', 'MaxLength', 'MinLength', 'MaxValue', 'MinValue', 'NoEcho']);
const parameterTypes = new Set(['String', 'Number', 'List<Number>', 'CommaDelimitedList']);
const logicalId = /^[A-Za-z0-9]{1,255}$/;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const parameters = isObject(template.Parameters) ? template.Parameters : {};
const resources = isObject(template.Resources) ? template.Resources : {};
const specs = {};

for (const key of Object.keys(template)) {
  if (!topLevel.has(key)) problem(key, 'not a template section');
}
if (template.AWSTemplateFormatVersion !== undefined && template.AWSTemplateFormatVersion !== '2010-09-09') {
  problem('AWSTemplateFormatVersion', 'must be 2010-09-09');
}
if (!isObject(template.Resources) || Object.keys(template.Resources).length === 0) problem('Resources', 'a template needs at least one resource');

for (const [id, parameter] of Object.entries(parameters)) {
  const path = 'Parameters.' + id;
  if (!logicalId.test(id)) problem(path, 'a logical ID is 1 to 255 letters and digits');
  if (id in resources) problem(path, 'a parameter and a resource have the same logical ID');
  if (!isObject(parameter)) { problem(path, 'must be an object'); continue; }
  for (const key of Object.keys(parameter)) if (!parameterKeys.has(key)) problem(path + '.' + key, 'not a parameter attribute');
  if (!parameterTypes.has(parameter.Type) && !String(parameter.Type).startsWith('AWS::')) problem(path + '.Type', 'unknown parameter type ' + JSON.stringify(parameter.Type));
  if (parameter.Default !== undefined && typeof parameter.Default !== 'string' && typeof parameter.Default !== 'number') problem(path + '.Default', 'must be a string or a number');
}

for (const [id, resource] of Object.entries(resources)) {
  const path = 'Resources.' + id;
  if (!logicalId.test(id)) problem(path, 'a logical ID is 1 to 255 letters and digits');
  if (!isObject(resource)) { problem(path, 'must be an object'); continue; }
  for (const key of Object.keys(resource)) if (!resourceKeys.has(key)) problem(path + '.' + key, 'not a resource attribute');
  const spec = db.lookup('resource', 'cloudFormationType', 'equals', String(resource.Type));
  if (spec.length !== 1) { problem(path + '.Type', 'unknown resource type ' + JSON.stringify(resource.Type)); continue; }
  specs[id] = spec[0];
}

for (const [id, resource] of Object.entries(resources)) {
  const path = 'Resources.' + id;
  if (!isObject(resource)) continue;
  for (const [i, dependency] of [resource.DependsOn ?? []].flat().entries()) {
    if (typeof dependency !== 'string' || !(dependency in resources)) problem(path + '.DependsOn[' + i + ']', 'names no resource: ' + JSON.stringify(dependency));
  }
  const spec = specs[id];
  if (!spec) continue;
  if (resource.Properties !== undefined && !isObject(resource.Properties)) { problem(path + '.Properties', 'must be an object'); continue; }
  checkProperties(resource.Properties ?? {}, spec.properties, path + '.Properties', spec.cloudFormationType);
}

for (const [id, output] of Object.entries(isObject(template.Outputs) ? template.Outputs : {})) {
  if (!logicalId.test(id)) problem('Outputs.' + id, 'a logical ID is 1 to 255 letters and digits');
  if (!isObject(output) || output.Value === undefined) problem('Outputs.' + id, 'needs a Value');
  else intrinsics(output.Value, 'Outputs.' + id + '.Value');
}

process.stdout.write(JSON.stringify({ problems }) + '\n');

function checkProperties(value, specProperties, path, typeName) {
  for (const [name, property] of Object.entries(specProperties)) {
    if (property.required && value[name] === undefined) problem(path, 'missing required property ' + name + ' of ' + typeName);
  }
  for (const [name, item] of Object.entries(value)) {
    const property = specProperties[name];
    if (!property) { problem(path + '.' + name, 'no property ' + name + ' in ' + typeName); continue; }
    for (const p of checkType(item, property.type, path + '.' + name, name)) problems.push(p);
  }
}

// The problems of `value` as a value of `type` (returned, not reported, so that a union can try each member).
function checkType(value, type, path, name) {
  const out = [];
  const intrinsic = intrinsicKind(value);
  if (intrinsic) {
    out.push(...intrinsics(value, path));
    if (!['string', 'number', 'integer', 'boolean', 'date-time', 'json', 'union'].includes(type.type)) out.push(path + ': ' + intrinsic + ' gives a string; expected ' + describe(type));
    return out;
  }
  switch (type.type) {
    case 'string':
    case 'date-time':
      if (typeof value !== 'string') out.push(path + ': expected a string, got ' + kind(value));
      else if (type.allowedValues && !type.allowedValues.includes(value)) out.push(path + ': ' + JSON.stringify(value) + ' is not one of ' + type.allowedValues.join(', '));
      break;
    case 'number':
      if (typeof value !== 'number') out.push(path + ': expected a number, got ' + kind(value));
      break;
    case 'integer':
      if (!Number.isInteger(value)) out.push(path + ': expected an integer, got ' + kind(value));
      break;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(path + ': expected a boolean, got ' + kind(value));
      break;
    case 'null':
      if (value !== null) out.push(path + ': expected null');
      break;
    case 'json':
      if (!isObject(value)) out.push(path + ': expected a JSON object, got ' + kind(value));
      else if (/PolicyDocument$/.test(name)) out.push(...policyShape(value, path));
      else out.push(...intrinsicsDeep(value, path));
      break;
    case 'tag':
      if (!isObject(value)) { out.push(path + ': expected a tag {Key, Value}, got ' + kind(value)); break; }
      for (const key of Object.keys(value)) if (key !== 'Key' && key !== 'Value') out.push(path + '.' + key + ': a tag has only Key and Value');
      for (const key of ['Key', 'Value']) {
        if (value[key] === undefined) out.push(path + ': a tag needs ' + key);
        else out.push(...checkType(value[key], { type: 'string' }, path + '.' + key, key));
      }
      break;
    case 'array':
      if (!Array.isArray(value)) { out.push(path + ': expected an array, got ' + kind(value)); break; }
      value.forEach((element, i) => out.push(...checkType(element, type.element, path + '[' + i + ']', name)));
      break;
    case 'map':
      if (!isObject(value)) { out.push(path + ': expected a map (object), got ' + kind(value)); break; }
      for (const [key, element] of Object.entries(value)) out.push(...checkType(element, type.element, path + '.' + key, key));
      break;
    case 'ref': {
      const definition = db.get('typeDefinition', type.reference.$ref);
      if (!isObject(value)) { out.push(path + ': expected an object (' + definition.name + '), got ' + kind(value)); break; }
      const saved = problems.length;
      checkProperties(value, definition.properties, path, definition.name);
      out.push(...problems.splice(saved));
      break;
    }
    case 'union': {
      const tries = type.types.map((member) => checkType(value, member, path, name));
      if (!tries.some((t) => t.length === 0)) out.push(...tries.reduce((a, b) => (b.length < a.length ? b : a)));
      break;
    }
    default:
      out.push(path + ': the spec has a type this checker does not know: ' + JSON.stringify(type));
  }
  return out;
}

/** An IAM policy: the spec types policy documents as JSON, so their shape is checked here. */
function policyShape(value, path) {
  const out = [];
  const strings = (v) => typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string'));
  for (const key of Object.keys(value)) if (!['Version', 'Id', 'Statement'].includes(key)) out.push(path + '.' + key + ': not a policy element');
  if (value.Version !== '2012-10-17') out.push(path + '.Version: expected "2012-10-17"');
  if (!Array.isArray(value.Statement) || value.Statement.length === 0) { out.push(path + '.Statement: expected a non-empty array'); return out; }
  value.Statement.forEach((s, i) => {
    const at = path + '.Statement[' + i + ']';
    if (!isObject(s)) { out.push(at + ': expected an object'); return; }
    for (const key of Object.keys(s)) {
      if (!['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition'].includes(key)) out.push(at + '.' + key + ': not a statement element');
    }
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') out.push(at + '.Effect: expected Allow or Deny');
    if (!strings(s.Action ?? s.NotAction)) out.push(at + ': needs Action or NotAction (a string or an array of strings)');
    if (s.Resource === undefined && s.NotResource === undefined && s.Principal === undefined) out.push(at + ': needs Resource, NotResource or Principal');
    for (const key of ['Resource', 'NotResource']) if (s[key] !== undefined && !strings(s[key])) out.push(at + '.' + key + ': expected a string or an array of strings');
    if (s.Principal !== undefined && s.Principal !== '*' && !isObject(s.Principal)) out.push(at + '.Principal: expected "*" or an object');
    if (s.Condition !== undefined && !(isObject(s.Condition) && Object.values(s.Condition).every(isObject))) out.push(at + '.Condition: expected operators of condition keys');
    if (s.Sid !== undefined && (typeof s.Sid !== 'string' || !/^[A-Za-z0-9]*$/.test(s.Sid))) out.push(at + '.Sid: letters and digits only');
  });
  out.push(...intrinsicsDeep(value, path));
  return out;
}

function intrinsicKind(value) {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')) ? keys[0] : null;
}

function intrinsicsDeep(value, path) {
  if (intrinsicKind(value)) return intrinsics(value, path);
  if (Array.isArray(value)) return value.flatMap((v, i) => intrinsicsDeep(v, path + '[' + i + ']'));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => intrinsicsDeep(v, path + '.' + k));
  return [];
}

/** The problems of an intrinsic function call (recursively): what Ref and Fn::GetAtt name must exist. */
function intrinsics(value, path) {
  const out = [];
  const name = intrinsicKind(value);
  if (!name) return intrinsicsDeep(value, path);
  const argument = value[name];
  if (name === 'Ref') {
    if (typeof argument !== 'string') out.push(path + ': Ref takes a logical ID');
    else if (!(argument in parameters) && !(argument in resources) && !pseudo.has(argument)) out.push(path + ': Ref names no parameter, resource or pseudo parameter: ' + argument);
  } else if (name === 'Fn::GetAtt') {
    const [id, attribute] = typeof argument === 'string' ? [argument.split('.')[0], argument.split('.').slice(1).join('.')] : Array.isArray(argument) ? argument : [];
    if (typeof id !== 'string' || typeof attribute !== 'string') out.push(path + ': Fn::GetAtt takes [logical ID, attribute]');
    else if (!(id in resources)) out.push(path + ': Fn::GetAtt names no resource: ' + id);
    else if (specs[id] && !(attribute in specs[id].attributes)) out.push(path + ': ' + specs[id].cloudFormationType + ' has no attribute ' + attribute + ' (it has ' + (Object.keys(specs[id].attributes).join(', ') || 'none') + ')');
  } else if (['Fn::Sub', 'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::If', 'Fn::ImportValue', 'Fn::FindInMap', 'Fn::Base64', 'Fn::GetAZs', 'Fn::Cidr', 'Fn::Equals', 'Fn::Not', 'Fn::And', 'Fn::Or', 'Fn::ToJsonString', 'Fn::Length'].includes(name)) {
    out.push(...intrinsicsDeep(argument, path + '.' + name));
  } else {
    out.push(path + ': unknown intrinsic function ' + name);
  }
  return out;
}

function describe(type) { return type.type === 'array' ? 'an array' : type.type === 'ref' ? 'an object' : type.type; }

function kind(value) { return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : 'a ' + typeof value; }

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}
