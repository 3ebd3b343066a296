using System;

namespace Kiosk.DutyRoom.Data;

/// <summary>A person who signs in to the console. The password hash never leaves <see cref="OperatorStore"/>.</summary>
/// <param name="Language">The console's language for this operator ("zh-CN", "en"); null: the site's default (zh-CN).</param>
public sealed record Operator(long Id, string Username, string DisplayName, string Role, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset? OnDutySince, string? Language = null)
{
    public bool IsAdministrator => Role == Roles.Administrator;
}

/// <summary>The two roles: operators answer calls and alarms; administrators also manage people, entrances and doors.</summary>
public static class Roles
{
    public const string Operator = "operator";
    public const string Administrator = "administrator";

    public static bool IsValid(string role) => role is Operator or Administrator;
}
