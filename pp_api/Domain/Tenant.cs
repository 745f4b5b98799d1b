#nullable enable
using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using PpApi.Domain.Enums;

namespace PpApi.Domain;

/// <summary>A customer organisation and its subscription.</summary>
public class Tenant
{
    private static readonly Regex SlugPattern = new Regex("^[a-z0-9](?:[a-z0-9-]{1,38}[a-z0-9])$", RegexOptions.Compiled);

    private readonly Dictionary<string, string> _settings = new Dictionary<string, string>(StringComparer.Ordinal);

    internal Tenant(Guid id, string name, string slug, AuditInfo audit)
    {
        Id = id;
        Name = name;
        Slug = slug;
        Audit = audit;
    }

    public Guid Id { get; }

    public string Name { get; private set; }

    public string Slug { get; }

    public SubscriptionPlan Plan { get; internal set; } = SubscriptionPlan.Free;

    public long SeatLimit { get; internal set; } = SeatsIncludedIn(SubscriptionPlan.Free);

    public bool IsActive { get; internal set; } = true;

    public DateTimeOffset BillingAnchor { get; internal set; }

    public IReadOnlyDictionary<string, string> Settings => _settings;

    public long? Version { get; internal set; }

    public AuditInfo Audit { get; }

    public static Tenant Create(string name, string slug, DateTimeOffset billingAnchor, string createdBy)
    {
        var normalisedSlug = Guard.NotBlank(slug, "Slug", 40).ToLowerInvariant();
        if (!SlugPattern.IsMatch(normalisedSlug))
        {
            throw new DomainException("Slug may contain lowercase letters, digits and inner hyphens only.");
        }

        return new Tenant(Guid.NewGuid(), Guard.NotBlank(name, "Name", 120), normalisedSlug, AuditInfo.CreatedNow(createdBy))
        {
            BillingAnchor = billingAnchor,
        };
    }

    public static long SeatsIncludedIn(SubscriptionPlan plan) => plan switch
    {
        SubscriptionPlan.Free => 5,
        SubscriptionPlan.Starter => 25,
        SubscriptionPlan.Professional => 250,
        SubscriptionPlan.Enterprise => 100_000,
        _ => throw new ArgumentOutOfRangeException(nameof(plan), plan, null),
    };

    public bool CanAddUser(int activeUsers) => IsActive && activeUsers < SeatLimit;

    /// <summary>Changes the plan; a downgrade is refused while more users are active than it allows.</summary>
    public void ChangePlan(SubscriptionPlan plan, int activeUsers, string actorId)
    {
        EnsureActive();
        var seats = SeatsIncludedIn(plan);
        if (activeUsers > seats)
        {
            throw new DomainException($"The {plan} plan allows {seats} users but {activeUsers} are active.");
        }

        Plan = plan;
        SeatLimit = seats;
        Audit.Touch(actorId);
    }

    /// <summary>Start of the next billing period after <paramref name="now"/>, in the anchor's offset.</summary>
    public DateTimeOffset NextBillingDate(DateTimeOffset now)
    {
        var next = BillingAnchor;
        var months = 0;
        while (next <= now)
        {
            months++;
            next = BillingAnchor.AddMonths(months);
        }

        return next;
    }

    public void Rename(string name, string actorId)
    {
        Name = Guard.NotBlank(name, "Name", 120);
        Audit.Touch(actorId);
    }

    public void Suspend(string actorId)
    {
        IsActive = false;
        Audit.Touch(actorId);
    }

    public void Reactivate(string actorId)
    {
        IsActive = true;
        Audit.Touch(actorId);
    }

    public void SetSetting(string key, string value) => _settings[Guard.NotBlank(key, "Setting", 64)] = value;

    private void EnsureActive()
    {
        if (!IsActive)
        {
            throw new DomainException("The tenant is suspended.");
        }
    }
}
