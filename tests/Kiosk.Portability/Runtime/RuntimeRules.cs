using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Kiosk.Portability.Runtime;

/// <summary>One thing that compiles for nanoFramework but fails on the device, and where that is known from.</summary>
public sealed record RuntimeRule(string Id, string Construct, string Reason, string Source);

/// <summary>
/// What nanoFramework's MetadataProcessor refuses or nanoCLR does differently at run time, found in
/// the same compilation the portability check builds. The compiler cannot say these: the code
/// binds fine against the stubs and breaks on a board. Each rule names its source.
/// </summary>
public static class RuntimeRules
{
    public static readonly RuntimeRule Generics = new("NF0001", "a generic type, method or interface declared in our code",
        "nanoCLR 1.x has no generics: the assembly fails to load or crashes, mostly with no compiler error",
        "nanoFramework docs, 'Simplifications and trade-offs'; MetadataProcessor");
    public static readonly RuntimeRule MultiDimensional = new("NF0002", "a multidimensional array (int[,])",
        "the MetadataProcessor refuses the assembly; use an array of arrays or one array with computed indices",
        "nanoFramework docs, 'Simplifications and trade-offs'");
    public static readonly RuntimeRule Checked = new("NF0003", "checked arithmetic",
        "nanoCLR runs add.ovf as plain add: it wraps silently, no OverflowException; compare against the limit explicitly",
        "nf-interpreter, CLR/Core/Interpreter.cpp (the .ovf opcodes share the unchecked handlers)");
    public static readonly RuntimeRule DefaultInterfaceMember = new("NF0004", "a default interface member (a body in an interface)",
        "the call fails at run time: nanoCLR looks methods up along the class chain only",
        "nf-interpreter, method lookup in TypeSystem.cpp");
    public static readonly RuntimeRule EnumText = new("NF0005", "an enum turned into text (ToString, concatenation, interpolation)",
        "nanoCLR keeps no enum names: it gives the number; keep a name table (see Protocol/Names.cs)",
        "nanoFramework docs, 'Simplifications and trade-offs' (no reflection metadata for enum names)");
    public static readonly RuntimeRule NumberFormat = new("NF0006", "a number format other than D, F, G, N, X (with optional precision)",
        "nanoFramework's number formatting implements D, F, G, N and X only; others throw or come back literally",
        "CoreLibrary, System/Number.cs");
    public static readonly RuntimeRule DateRange = new("NF0007", "new DateTime with a year outside 1601..3000",
        "nanoCLR's DateTime covers 1601..3000 and throws ArgumentOutOfRangeException outside (desktop accepts up to 9999)",
        "CoreLibrary, System/DateTime.cs (MinTicks/MaxTicks)");

    public static readonly RuntimeRule StringWalk = new("NF0008", "a string read char by char in a loop (s[i], s.Length in the condition, foreach over a string)",
        "nanoCLR keeps strings as UTF-8: s[i] and s.Length walk the text from its start, so the loop is O(n²); read bytes, or ToCharArray once",
        "nf-interpreter, CLR/CorLib/corlib_native_System_String.cpp (get_Chars, get_Length walk the UTF-8)");

    /// <summary>Every rule, for the docs and the tests.</summary>
    public static readonly RuntimeRule[] All = { Generics, MultiDimensional, Checked, DefaultInterfaceMember, EnumText, NumberFormat, DateRange, StringWalk };

    /// <returns>Findings as "file(line,col): error NF000n: reason", relative to <paramref name="baseDirectory"/>.</returns>
    public static List<string> Find(Compilation compilation, string? baseDirectory)
    {
        var findings = new List<string>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            var walker = new Walker(model, (rule, node) => findings.Add(Format(rule, node, baseDirectory)));
            walker.Visit(tree.GetRoot());
        }
        return findings;
    }

    private static string Format(RuntimeRule rule, SyntaxNode node, string? baseDirectory) =>
        $"{PortableCompiler.Where(node.GetLocation(), baseDirectory)}error {rule.Id}: {rule.Construct}: {rule.Reason}";

    private sealed class Walker(SemanticModel model, Action<RuntimeRule, SyntaxNode> report) : CSharpSyntaxWalker
    {
        private static readonly char[] Formats = { 'D', 'F', 'G', 'N', 'X' };

        public override void VisitClassDeclaration(ClassDeclarationSyntax node) { Generic(node.TypeParameterList, node); base.VisitClassDeclaration(node); }

        public override void VisitStructDeclaration(StructDeclarationSyntax node) { Generic(node.TypeParameterList, node); base.VisitStructDeclaration(node); }

        public override void VisitInterfaceDeclaration(InterfaceDeclarationSyntax node)
        {
            Generic(node.TypeParameterList, node);
            foreach (var member in node.Members)
                if (member is MethodDeclarationSyntax { Body: not null } or MethodDeclarationSyntax { ExpressionBody: not null }
                    or PropertyDeclarationSyntax { ExpressionBody: not null }
                    || member is PropertyDeclarationSyntax p && p.AccessorList?.Accessors.Any(a => a.Body is not null || a.ExpressionBody is not null) == true)
                    report(DefaultInterfaceMember, member);
            base.VisitInterfaceDeclaration(node);
        }

        public override void VisitDelegateDeclaration(DelegateDeclarationSyntax node) { Generic(node.TypeParameterList, node); base.VisitDelegateDeclaration(node); }

        public override void VisitMethodDeclaration(MethodDeclarationSyntax node) { Generic(node.TypeParameterList, node); base.VisitMethodDeclaration(node); }

        public override void VisitLocalFunctionStatement(LocalFunctionStatementSyntax node) { Generic(node.TypeParameterList, node); base.VisitLocalFunctionStatement(node); }

        public override void VisitArrayRankSpecifier(ArrayRankSpecifierSyntax node)
        {
            if (node.Rank > 1)
                report(MultiDimensional, node);
            base.VisitArrayRankSpecifier(node);
        }

        public override void VisitCheckedExpression(CheckedExpressionSyntax node)
        {
            if (node.IsKind(SyntaxKind.CheckedExpression))
                report(Checked, node);
            base.VisitCheckedExpression(node);
        }

        public override void VisitCheckedStatement(CheckedStatementSyntax node)
        {
            if (node.IsKind(SyntaxKind.CheckedStatement))
                report(Checked, node);
            base.VisitCheckedStatement(node);
        }

        public override void VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            if (node.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "ToString" } access)
            {
                var receiver = model.GetTypeInfo(access.Expression).Type;
                if (receiver?.TypeKind == TypeKind.Enum)
                    report(EnumText, node);
                else if (IsNumber(receiver) && node.ArgumentList.Arguments.Count >= 1
                    && model.GetConstantValue(node.ArgumentList.Arguments[0].Expression) is { HasValue: true, Value: string format }
                    && !FormatIsSupported(format))
                    report(NumberFormat, node);
            }
            base.VisitInvocationExpression(node);
        }

        public override void VisitBinaryExpression(BinaryExpressionSyntax node)
        {
            if (node.IsKind(SyntaxKind.AddExpression) && model.GetTypeInfo(node).Type?.SpecialType == SpecialType.System_String
                && (IsEnum(node.Left) || IsEnum(node.Right)))
                report(EnumText, node);
            base.VisitBinaryExpression(node);
        }

        public override void VisitInterpolation(InterpolationSyntax node)
        {
            if (IsEnum(node.Expression))
                report(EnumText, node);
            else if (node.FormatClause is { } clause && IsNumber(model.GetTypeInfo(node.Expression).Type) && !FormatIsSupported(clause.FormatStringToken.ValueText))
                report(NumberFormat, node);
            base.VisitInterpolation(node);
        }

        public override void VisitObjectCreationExpression(ObjectCreationExpressionSyntax node)
        {
            if (model.GetTypeInfo(node).Type is { Name: "DateTime", ContainingNamespace.Name: "System" } && node.ArgumentList is { Arguments.Count: >= 3 } args
                && model.GetConstantValue(args.Arguments[0].Expression) is { HasValue: true, Value: int year } && (year < 1601 || year > 3000))
                report(DateRange, node);
            base.VisitObjectCreationExpression(node);
        }

        public override void VisitElementAccessExpression(ElementAccessExpressionSyntax node)
        {
            if (IsString(node.Expression) && InLoop(node))
                report(StringWalk, node);
            base.VisitElementAccessExpression(node);
        }

        public override void VisitForEachStatement(ForEachStatementSyntax node)
        {
            // Roslyn lowers foreach over a string to s[i] and s.Length on every turn.
            if (IsString(node.Expression))
                report(StringWalk, node.Expression);
            base.VisitForEachStatement(node);
        }

        public override void VisitForStatement(ForStatementSyntax node) { LengthIn(node.Condition); base.VisitForStatement(node); }

        public override void VisitWhileStatement(WhileStatementSyntax node) { LengthIn(node.Condition); base.VisitWhileStatement(node); }

        public override void VisitDoStatement(DoStatementSyntax node) { LengthIn(node.Condition); base.VisitDoStatement(node); }

        /// <summary>A string's Length in a loop condition is evaluated, and walked, on every turn.</summary>
        private void LengthIn(ExpressionSyntax? condition)
        {
            if (condition is null)
                return;
            foreach (var access in condition.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>())
                if (access.Name.Identifier.Text == "Length" && IsString(access.Expression))
                    report(StringWalk, access);
        }

        private bool IsString(ExpressionSyntax e) => model.GetTypeInfo(e).Type?.SpecialType == SpecialType.System_String;

        /// <summary>Inside a loop body or condition of the same method (a lambda or local function starts afresh).</summary>
        private static bool InLoop(SyntaxNode node)
        {
            foreach (var ancestor in node.Ancestors())
            {
                if (ancestor is ForStatementSyntax or ForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax)
                    return true;
                if (ancestor is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                    return false;
            }
            return false;
        }

        private void Generic(TypeParameterListSyntax? parameters, SyntaxNode node)
        {
            if (parameters is { Parameters.Count: > 0 })
                report(Generics, node);
        }

        private bool IsEnum(ExpressionSyntax e) => model.GetTypeInfo(e).Type?.TypeKind == TypeKind.Enum;

        private static bool IsNumber(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16
            or SpecialType.System_Byte or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_UInt16 or SpecialType.System_SByte
            or SpecialType.System_Double or SpecialType.System_Single;

        /// <summary>D, F, G, N or X, either case, with an optional precision of digits; alignment is written outside the clause.</summary>
        private static bool FormatIsSupported(string format) =>
            format.Length == 0 || (Array.IndexOf(Formats, char.ToUpperInvariant(format[0])) >= 0 && format.Skip(1).All(char.IsAsciiDigit));
    }
}
