namespace PpApi.Data.Enums;

/// <summary>Surface a conversation is held on.</summary>
public enum ConversationChannel
{
    Web,
    Mobile,
    Slack,
    Teams,
}
