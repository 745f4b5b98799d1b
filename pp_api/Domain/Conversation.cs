#nullable enable
using System;
using System.Collections.Generic;
using PpApi.Domain.Enums;

namespace PpApi.Domain;

/// <summary>A coaching conversation between a user and the AI coach.</summary>
public class Conversation
{
    public const int MaxMessages = 500;

    private readonly Dictionary<string, string> _context = new Dictionary<string, string>(StringComparer.Ordinal);
    private readonly List<string> _labels = new List<string>();

    internal Conversation(string id, string userId, string sessionId, string tenantId, DateTime createdAt)
    {
        Id = id;
        UserId = userId;
        SessionId = sessionId;
        TenantId = tenantId;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public string Id { get; }

    public string UserId { get; }

    public string SessionId { get; }

    public string TenantId { get; }

    public string? GoalId { get; internal set; }

    public string Topic { get; internal set; } = "general";

    public string? Summary { get; internal set; }

    public ConversationChannel Channel { get; internal set; } = ConversationChannel.Web;

    public int MessageCount { get; internal set; }

    public long TokenCount { get; internal set; }

    public bool IsArchived { get; internal set; }

    public IReadOnlyDictionary<string, string> Context => _context;

    public IReadOnlyList<string> Labels => _labels;

    public DateTime CreatedAt { get; }

    public DateTime UpdatedAt { get; internal set; }

    public static Conversation Start(Session session, ConversationChannel channel, string topic, Goal? goal, DateTime nowUtc)
    {
        if (!session.IsUsable(nowUtc))
        {
            throw new DomainException("Conversations can only start in an active session.");
        }

        var conversation = new Conversation(Guid.NewGuid().ToString("N"), session.UserId, session.Id, session.TenantId, nowUtc)
        {
            Channel = channel,
            Topic = Guard.NotBlank(topic, "Topic", 80),
        };

        if (goal != null)
        {
            conversation.GoalId = goal.Id;
            conversation._context["goal_title"] = goal.Title;
        }

        return conversation;
    }

    /// <summary>Counts one user message and the coach's reply.</summary>
    public void RecordExchange(int tokens, DateTime nowUtc)
    {
        if (IsArchived)
        {
            throw new DomainException("An archived conversation cannot continue.");
        }

        if (tokens < 0)
        {
            throw new DomainException("Token usage cannot be negative.");
        }

        if (MessageCount + 2 > MaxMessages)
        {
            throw new DomainException("The conversation is full; start a new one.");
        }

        MessageCount += 2;
        TokenCount += tokens;
        UpdatedAt = nowUtc;
    }

    public void UpdateSummary(string summary, DateTime nowUtc)
    {
        Summary = Guard.NotBlank(summary, "Summary", 4000);
        UpdatedAt = nowUtc;
    }

    public void Label(string label)
    {
        var normalised = Guard.NotBlank(label, "Label", 40).ToLowerInvariant();
        if (!_labels.Contains(normalised))
        {
            _labels.Add(normalised);
        }
    }

    public void SetContext(string key, string value) => _context[Guard.NotBlank(key, "Context key", 64)] = value;

    public void Archive(DateTime nowUtc)
    {
        IsArchived = true;
        UpdatedAt = nowUtc;
    }
}
