using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Sagewright.CodeFixes;
using Sagewright.Tests.Infrastructure;

namespace Sagewright.CodeFixes.Tests.Infrastructure;

/// <summary>Runs <see cref="SagewrightCodeFixProvider"/> the way the IDE does: the sources are documents of a
/// workspace project (same references and options as <see cref="TestProject"/>), the diagnostics come from an
/// analyzer (the real generator + <c>PipelineAnalyzer</c> unless a test analyzer is given), and the code
/// action's operations are applied to the solution. Sources are marked up like <see cref="Markup"/>: every
/// diagnostic with the tested ID must be marked, and nothing else.
/// After a fix, the result must compile without errors and Sagewright must report nothing new: the
/// diagnostics after the fix (by file, ID and message) are a subset of those before, less the fixed ones.</summary>
internal static class CodeFixVerifier
{
    private static readonly SagewrightCodeFixProvider Provider = new();

    // With a test analyzer, the diagnostics to fix are its own; Sagewright's are still checked before and after.

    /// <summary>Applies the one action offered for the one marked diagnostic and compares the document with <paramref name="after"/>.</summary>
    /// <param name="followUps">IDs the fix may newly raise because what it adds has a weaker finding of its own (the
    /// data capture SGW102's fix adds has no KMS key, SGW207, which the fix cannot choose).</param>
    public static CodeAction Verify(string before, string after, string id, DiagnosticAnalyzer? analyzer = null, IReadOnlyCollection<string>? followUps = null)
    {
        using var state = State.Create([before], id, analyzer);
        var diagnostic = Assert.Single(state.Fixable);
        var action = Assert.Single(state.Actions(diagnostic));
        Assert.Equal(SagewrightCodeFixProvider.EquivalenceKey(id), action.EquivalenceKey);
        state.AssertApplied(Apply(action), [after], [diagnostic], followUps);
        return action;
    }

    /// <summary>Fix All for <paramref name="id"/> in the given scope, started from the first marked diagnostic;
    /// compares every document with its expected text.</summary>
    public static void VerifyFixAll(string[] before, string[] after, string id, FixAllScope scope = FixAllScope.Solution, DiagnosticAnalyzer? analyzer = null)
    {
        Assert.Equal(before.Length, after.Length);
        using var state = State.Create(before, id, analyzer);
        var first = state.Fixable[0];
        var document = state.DocumentOf(first);
        var fixAll = Provider.GetFixAllProvider();
        Assert.NotNull(fixAll);
        Assert.Contains(scope, fixAll.GetSupportedFixAllScopes());
        var context = new FixAllContext(document, Provider, scope, SagewrightCodeFixProvider.EquivalenceKey(id), [id], new FixedDiagnostics(state.Fixable), CancellationToken.None);
        var action = fixAll.GetFixAsync(context).GetAwaiter().GetResult();
        Assert.NotNull(action);
        var fixedOnes = scope switch
        {
            FixAllScope.Document => state.Fixable.Where(d => d.Location.SourceTree == first.Location.SourceTree).ToList(),
            _ => state.Fixable,
        };
        state.AssertApplied(Apply(action), after, fixedOnes);
    }

    /// <summary>Every marked diagnostic gets no code action.</summary>
    public static void VerifyNoFix(string before, string id, DiagnosticAnalyzer? analyzer = null)
    {
        using var state = State.Create([before], id, analyzer);
        Assert.NotEmpty(state.Fixable);
        foreach (var diagnostic in state.Fixable)
        {
            Assert.Empty(state.Actions(diagnostic));
        }
    }

    private static Solution Apply(CodeAction action)
    {
        var operations = action.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult();
        return Assert.Single(operations.OfType<ApplyChangesOperation>()).ChangedSolution;
    }

    /// <summary>Diagnostics Sagewright reports on a project: generator then <c>PipelineAnalyzer</c>, as in a build.</summary>
    private static ImmutableArray<Diagnostic> Sagewright(Compilation compilation) =>
        TestProject.Analyze(TestProject.Generate((CSharpCompilation)compilation).Compilation);

    /// <summary>Diagnostics of a test analyzer alone; fails if it threw.</summary>
    private static ImmutableArray<Diagnostic> Run(Compilation compilation, DiagnosticAnalyzer analyzer)
    {
        var all = compilation.WithAnalyzers([analyzer]).GetAllDiagnosticsAsync().GetAwaiter().GetResult();
        Assert.DoesNotContain(all, d => d.Id == "AD0001");
        return all.Where(d => analyzer.SupportedDiagnostics.Any(s => s.Id == d.Id)).ToImmutableArray();
    }

    private static string Key(Diagnostic d) =>
        $"{d.Id} {Path.GetFileName(d.Location.SourceTree?.FilePath)}: {d.GetMessage(CultureInfo.InvariantCulture)}";

    private sealed class State : IDisposable
    {
        private readonly AdhocWorkspace _workspace;
        private readonly DiagnosticAnalyzer? _analyzer;

        private State(AdhocWorkspace workspace, Project project, DiagnosticAnalyzer? analyzer, List<Diagnostic> fixable, ImmutableArray<Diagnostic> before)
        {
            _workspace = workspace;
            Project = project;
            _analyzer = analyzer;
            Fixable = fixable;
            Before = before;
        }

        public Project Project { get; }

        /// <summary>The diagnostics with the tested ID, in document then span order.</summary>
        public List<Diagnostic> Fixable { get; }

        /// <summary>Everything Sagewright (and the test analyzer) reported before the fix.</summary>
        public ImmutableArray<Diagnostic> Before { get; }

        public static State Create(string[] markups, string id, DiagnosticAnalyzer? analyzer)
        {
            var template = TestProject.Compilation(Array.Empty<string>());
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Default, "TestProject", "TestProject", LanguageNames.CSharp,
                compilationOptions: template.Options, parseOptions: TestProject.ParseOptions, metadataReferences: template.References));
            var parsed = new Dictionary<string, (string Source, List<(string Id, TextSpan Span)> Expected)>(StringComparer.Ordinal);
            for (var i = 0; i < markups.Length; i++)
            {
                var name = "File" + i.ToString(CultureInfo.InvariantCulture) + ".cs";
                var path = ProjectOptions.ProjectDirectory + name;
                parsed[path] = Markup.Parse(markups[i]);
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId, name), name, SourceText.From(parsed[path].Source, Encoding.UTF8), filePath: path);
            }

            var project = solution.GetProject(projectId)!;
            var compilation = project.GetCompilationAsync().GetAwaiter().GetResult()!;
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "The test source does not compile:\n" + string.Join("\n", errors));

            var sagewright = Sagewright(compilation);
            var test = analyzer is null ? [] : Run(compilation, analyzer);
            var before = sagewright.AddRange(test);
            var fixable = (analyzer is null ? sagewright : test).Where(d => d.Id == id)
                .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)
                .ToList();
            string Describe(string path, TextSpan span) => $"{Path.GetFileName(path)} {span} '{parsed[path].Source.Substring(span.Start, span.Length)}'";
            var wanted = parsed.SelectMany(p => p.Value.Expected.Where(e => e.Id == id).Select(e => Describe(p.Key, e.Span))).Order(StringComparer.Ordinal).ToList();
            var actual = fixable.Select(d => Describe(d.Location.SourceTree!.FilePath, d.Location.SourceSpan)).Order(StringComparer.Ordinal).ToList();
            Assert.True(wanted.SequenceEqual(actual),
                $"{id} expected at:\n  " + string.Join("\n  ", wanted) + "\nreported at:\n  " + string.Join("\n  ", actual)
                + "\nAll diagnostics:\n  " + string.Join("\n  ", before.Select(Key)));
            return new State(workspace, project, analyzer, fixable, before);
        }

        /// <summary>The real Sagewright diagnostics, plus the test analyzer's if there is one.</summary>
        private static ImmutableArray<Diagnostic> Diagnostics(Compilation compilation, DiagnosticAnalyzer? analyzer) =>
            analyzer is null ? Sagewright(compilation) : Sagewright(compilation).AddRange(Run(compilation, analyzer));

        public Document DocumentOf(Diagnostic diagnostic) => Project.GetDocument(diagnostic.Location.SourceTree!)!;

        /// <summary>The code actions registered for the diagnostic; each is registered for exactly it.</summary>
        public List<CodeAction> Actions(Diagnostic diagnostic)
        {
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(DocumentOf(diagnostic), diagnostic, (action, diagnostics) =>
            {
                Assert.Equal(diagnostic, Assert.Single(diagnostics));
                actions.Add(action);
            }, CancellationToken.None);
            Provider.RegisterCodeFixesAsync(context).GetAwaiter().GetResult();
            return actions;
        }

        public void AssertApplied(Solution changed, string[] after, IReadOnlyCollection<Diagnostic> fixedOnes, IReadOnlyCollection<string>? followUps = null)
        {
            var documents = Project.Documents.OrderBy(d => d.FilePath, StringComparer.Ordinal).ToList();
            Assert.Equal(after.Length, documents.Count);
            for (var i = 0; i < documents.Count; i++)
            {
                var text = changed.GetDocument(documents[i].Id)!.GetTextAsync().GetAwaiter().GetResult().ToString();
                Assert.True(after[i] == text, $"{documents[i].Name} after the fix:\n{text}\n---- expected:\n{after[i]}");
            }

            var compilation = changed.GetProject(Project.Id)!.GetCompilationAsync().GetAwaiter().GetResult()!;
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, "The fixed source does not compile:\n" + string.Join("\n", errors));

            // Nothing new: what is reported after is a sub-multiset of what was reported before, less the fixed ones.
            var remaining = Before.Select(Key).ToList();
            foreach (var fixedOne in fixedOnes)
            {
                Assert.True(remaining.Remove(Key(fixedOne)));
            }

            var afterDiagnostics = Diagnostics(compilation, _analyzer);
            var added = new List<string>();
            foreach (var key in afterDiagnostics.Where(d => followUps?.Contains(d.Id) != true).Select(Key))
            {
                if (!remaining.Remove(key))
                {
                    added.Add(key);
                }
            }

            Assert.True(added.Count == 0, "The fix left or added diagnostics:\n  " + string.Join("\n  ", added));
        }

        public void Dispose() => _workspace.Dispose();
    }

    /// <summary>Hands Fix All the diagnostics the test found, as the IDE's diagnostic service would.</summary>
    private sealed class FixedDiagnostics(IReadOnlyList<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>()); // diagnostics without a location: none
    }
}
