#nullable enable
using System.Collections.Generic;
using System.Linq;
using PpApi.Data;
using PpApi.Domain;

namespace PpApi.Mappers;

/// <summary>Maps <see cref="Conversation"/> to and from <see cref="ConversationDataModel"/>.</summary>
public static class ConversationMapper
{
    public static Conversation ToDomain(ConversationDataModel model)
    {
        var conversation = new Conversation(model.ConversationId, model.UserId, model.SessionId, model.TenantId, AuditMapper.AsUtc(model.CreatedAt))
        {
            GoalId = model.GoalId,
            Topic = model.Topic,
            Summary = model.Summary,
            Channel = EnumMapper.ToDomain(model.Channel),
            MessageCount = model.MessageCount,
            TokenCount = model.TokenCount,
            IsArchived = model.IsArchived,
            UpdatedAt = AuditMapper.AsUtc(model.UpdatedAt),
        };

        foreach (var entry in model.Context ?? new Dictionary<string, string>())
        {
            conversation.SetContext(entry.Key, entry.Value);
        }

        foreach (var label in model.Labels ?? new List<string>())
        {
            conversation.Label(label);
        }

        return conversation;
    }

    public static ConversationDataModel ToDataModel(Conversation conversation) => new ConversationDataModel
    {
        UserId = conversation.UserId,
        ConversationId = conversation.Id,
        CreatedAt = conversation.CreatedAt,
        UpdatedAt = conversation.UpdatedAt,
        SessionId = conversation.SessionId,
        TenantId = conversation.TenantId,
        GoalId = conversation.GoalId,
        Topic = conversation.Topic,
        Summary = conversation.Summary,
        Channel = EnumMapper.ToData(conversation.Channel),
        MessageCount = conversation.MessageCount,
        TokenCount = conversation.TokenCount,
        IsArchived = conversation.IsArchived,
        Context = conversation.Context.ToDictionary(e => e.Key, e => e.Value),
        Labels = conversation.Labels.Distinct().ToList(),
    };
}
