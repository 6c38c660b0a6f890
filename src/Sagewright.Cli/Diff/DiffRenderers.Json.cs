using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sagewright.Cli.Output;
using Sagewright.Cli.Policies;
using static Sagewright.Cli.Output.Words;

namespace Sagewright.Cli.Diff;

/// <summary>The JSON format of <c>policy diff</c> (<c>--format json</c>): every change with its kind, grant terms and
/// conditions, for tools.</summary>
public static partial class DiffRenderers
{
    public static void WriteJson(DiffResult result, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            json.WriteStartObject();
            json.WriteString("old", result.OldArgument);
            json.WriteString("new", result.NewArgument);
            json.WriteBoolean("widening", result.Widening > 0);
            json.WriteStartObject("summary");
            json.WriteNumber("filesCompared", result.FilesCompared);
            json.WriteNumber("filesChanged", result.Files.Count);
            json.WriteNumber("added", result.Added);
            json.WriteNumber("removed", result.Removed);
            json.WriteNumber("changed", result.Changed);
            json.WriteNumber("otherChanges", result.DocumentChanges);
            json.WriteNumber("widening", result.Widening);
            json.WriteEndObject();
            json.WriteStartArray("files");
            foreach (var file in result.Files)
            {
                json.WriteStartObject();
                json.WriteString("path", file.Path);
                json.WriteString("status", file.Status switch { FileStatus.Added => "added", FileStatus.Removed => "removed", _ => "modified" });
                json.WriteString("kind", file.Kind == FileKind.Roles ? "roles" : "policy");
                WriteOptional(json, "oldFile", file.OldDisplayPath);
                WriteOptional(json, "newFile", file.NewDisplayPath);
                json.WriteStartArray("changes");
                foreach (var change in file.Changes)
                {
                    WriteChange(json, change);
                }

                json.WriteEndArray();
                json.WriteStartArray("otherChanges");
                foreach (var change in file.DocumentChanges)
                {
                    json.WriteStartObject();
                    json.WriteString("change", change.Kind switch { ChangeKind.Added => "added", ChangeKind.Removed => "removed", _ => "changed" });
                    json.WriteBoolean("widening", change.IsWidening);
                    WriteOptional(json, "reason", change.Reason);
                    json.WriteString("subject", change.Subject);
                    WriteOptional(json, "old", change.OldValue);
                    WriteOptional(json, "new", change.NewValue);
                    json.WriteString("text", change.Text);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        writer.Write(Encoding.UTF8.GetString(buffer.ToArray()));
        writer.Write('\n');
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>A grant change: the grant's terms (the new grant of a changed one), with, for a changed grant, the old
    /// grant as <c>from</c> and the change as <c>description</c>; <c>reportReasons</c> is null unless the grant is added
    /// or changed and the new side has a report.md.</summary>
    private static void WriteChange(Utf8JsonWriter json, GrantChange change)
    {
        json.WriteStartObject();
        json.WriteString("change", change.Kind switch { ChangeKind.Added => "added", ChangeKind.Removed => "removed", _ => "changed" });
        json.WriteBoolean("widening", change.IsWidening);
        WriteOptional(json, "reason", change.Reason);
        WriteGrant(json, change.Grant);
        if (change.Previous is { } previous)
        {
            json.WriteString("description", change.Description);
            json.WriteStartObject("from");
            WriteGrant(json, previous);
            json.WriteEndObject();
        }

        if (change.ReportReasons is { } reasons)
        {
            json.WriteStartArray("reportReasons");
            foreach (var reason in reasons)
            {
                json.WriteStringValue(reason);
            }

            json.WriteEndArray();
        }
        else
        {
            json.WriteNull("reportReasons");
        }

        json.WriteEndObject();
    }

    private static void WriteGrant(Utf8JsonWriter json, Grant grant)
    {
        json.WriteString("effect", grant.Effect == Effect.Allow ? "Allow" : "Deny");
        WriteTerm(json, "action", "notAction", grant.Action);
        WriteTerm(json, "resource", "notResource", grant.Resource);
        WriteTerm(json, "principal", "notPrincipal", grant.Principal);
        json.WriteStartArray("conditions");
        foreach (var condition in grant.Conditions)
        {
            json.WriteStartObject();
            json.WriteString("operator", condition.Operator);
            json.WriteString("key", condition.Key);
            json.WriteStartArray("values");
            foreach (var value in condition.Values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("sids");
        foreach (var sid in grant.Sids)
        {
            json.WriteStringValue(sid);
        }

        json.WriteEndArray();
        json.WriteString("text", grant.ToString());
    }

    private static void WriteTerm(Utf8JsonWriter json, string name, string notName, Term term)
    {
        switch (term.Kind)
        {
            case TermKind.One:
                json.WriteString(name, term.Pattern);
                break;
            case TermKind.Not:
                json.WriteStartArray(notName);
                foreach (var value in term.Values)
                {
                    json.WriteStringValue(value);
                }

                json.WriteEndArray();
                break;
        }
    }
}
