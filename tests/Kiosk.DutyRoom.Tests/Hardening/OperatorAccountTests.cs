using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kiosk.DutyRoom.Data;
using Kiosk.DutyRoom.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Xunit;

namespace Kiosk.DutyRoom.Tests.Hardening;

/// <summary>
/// Issue 20, in the store: a disabled account is never handed back for authorization, the last
/// enabled administrator cannot be disabled or demoted (also when two administrators act at once),
/// and sign-in does the same password work for a name that does not exist. On SQLite and PostgreSQL.
/// </summary>
public sealed class OperatorAccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 22, 0, 0, TimeSpan.Zero);
    private const string Password = "night-shift-2026";

    [Fact] public void Accounts_on_sqlite() => Accounts(TestStores.Sqlite);

    [PostgresFact] public void Accounts_on_postgres() => Accounts(TestStores.Postgres);

    [Fact] public void Two_administrators_demoting_each_other_at_once_leave_one_on_sqlite() => DemotingEachOther(TestStores.Sqlite);

    [PostgresFact] public void Two_administrators_demoting_each_other_at_once_leave_one_on_postgres() => DemotingEachOther(TestStores.Postgres);

    private static void Accounts(Func<TestStores> open)
    {
        using var db = open();
        var s = db.Stores;
        s.Operators.Create("chen", "陈杰", Password, Roles.Administrator, Now);
        s.Operators.Create("zhao", "赵强", Password, Roles.Administrator, Now);
        s.Operators.Create("li", "李伟", Password, Roles.Operator, Now);

        s.Operators.SetDisabled("li", true);
        Assert.Null(s.Operators.Find("li")); // authorization never sees a disabled account
        Assert.True(s.Operators.FindIncludingDisabled("li")!.Disabled);
        Assert.Equal("李伟", s.Operators.DisplayNames()["li"]); // records still name him

        s.Operators.SetRole("zhao", Roles.Operator);
        var last = Assert.Throws<InputRefusedException>(() => s.Operators.SetDisabled("chen", true));
        Assert.Equal(OperatorStore.LastAdministrator, last.Problems.Single().Code);
        Assert.Throws<InputRefusedException>(() => s.Operators.SetRole("chen", Roles.Operator));
        Assert.True(s.Operators.Find("chen")!.IsAdministrator);
        // With a second administrator again, either may go.
        s.Operators.SetRole("zhao", Roles.Administrator);
        s.Operators.SetDisabled("chen", true);
        Assert.Null(s.Operators.Find("chen"));
        Assert.Throws<InputRefusedException>(() => s.Operators.SetRole("zhao", Roles.Operator));
        s.Operators.SetDisabled("chen", false); // enabling is always allowed

        // Passwords: too short refused, a new one works, the old one not.
        Assert.Throws<InputRefusedException>(() => s.Operators.SetPassword("zhao", "short"));
        s.Operators.SetPassword("zhao", "a-new-password-1");
        Assert.Null(s.Operators.Verify("zhao", Password));
        Assert.NotNull(s.Operators.Verify("zhao", "a-new-password-1"));
    }

    private static void DemotingEachOther(Func<TestStores> open)
    {
        for (var round = 0; round < 10; round++)
        {
            using var db = open();
            var s = db.Stores;
            s.Operators.Create("chen", "陈杰", Password, Roles.Administrator, Now);
            s.Operators.Create("zhao", "赵强", Password, Roles.Administrator, Now);
            using var start = new Barrier(2);
            void Demote(string who)
            {
                start.SignalAndWait();
                try
                {
                    if (who == "chen") s.Operators.SetRole(who, Roles.Operator);
                    else s.Operators.SetDisabled(who, true);
                }
                catch (InputRefusedException)
                {
                }
                catch (Exception e) when (e is System.Data.Common.DbException)
                {
                    // SQLite's busy database after its 5 s wait, or a lock PostgreSQL broke: the change did not happen.
                }
            }
            Task.WaitAll(Task.Run(() => Demote("chen")), Task.Run(() => Demote("zhao")));
            Assert.True(s.Operators.All().Count(o => o.IsAdministrator && !o.Disabled) >= 1, $"round {round}: no administrator left");
        }
    }

    [Fact]
    public void An_unknown_name_costs_the_same_password_check_as_a_known_one()
    {
        using var db = TestStores.Sqlite();
        var hasher = new CountingHasher();
        var operators = new OperatorStore(db.Db, hasher);
        operators.Create("chen", "陈杰", Password, Roles.Administrator, Now);
        operators.SetDisabled("chen", false);

        hasher.Verified = 0;
        Assert.Null(operators.Verify("chen", "wrong-password"));
        Assert.Null(operators.Verify("nobody", "wrong-password"));
        Assert.Null(operators.Verify("nobody", ""));
        Assert.Equal(3, hasher.Verified); // one PBKDF2 check each: the time does not tell a name exists
    }

    private sealed class CountingHasher : IPasswordHasher<string>
    {
        private readonly PasswordHasher<string> _real = new();
        public int Verified;

        public string HashPassword(string user, string password) => _real.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(string user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Verified);
            return _real.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
