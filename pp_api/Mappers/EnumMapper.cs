using System;
using DataEnums = PpApi.Data.Enums;
using DomainEnums = PpApi.Domain.Enums;

namespace PpApi.Mappers
{
    /// <summary>
    /// Maps enums between the domain and the data models. Stored enum values are part of the table
    /// contract (the Python services read the numbers), so the mapping is explicit per member.
    /// </summary>
    public static class EnumMapper
    {
        public static DomainEnums.GoalStatus ToDomain(DataEnums.GoalStatus value) => value switch
        {
            DataEnums.GoalStatus.Draft => DomainEnums.GoalStatus.Draft,
            DataEnums.GoalStatus.Active => DomainEnums.GoalStatus.Active,
            DataEnums.GoalStatus.OnHold => DomainEnums.GoalStatus.OnHold,
            DataEnums.GoalStatus.Completed => DomainEnums.GoalStatus.Completed,
            DataEnums.GoalStatus.Abandoned => DomainEnums.GoalStatus.Abandoned,
            _ => throw Unknown(value),
        };

        public static DataEnums.GoalStatus ToData(DomainEnums.GoalStatus value) => value switch
        {
            DomainEnums.GoalStatus.Draft => DataEnums.GoalStatus.Draft,
            DomainEnums.GoalStatus.Active => DataEnums.GoalStatus.Active,
            DomainEnums.GoalStatus.OnHold => DataEnums.GoalStatus.OnHold,
            DomainEnums.GoalStatus.Completed => DataEnums.GoalStatus.Completed,
            DomainEnums.GoalStatus.Abandoned => DataEnums.GoalStatus.Abandoned,
            _ => throw Unknown(value),
        };

        public static DomainEnums.GoalType ToGoalType(string value) => value switch
        {
            "personal" => DomainEnums.GoalType.Personal,
            "team" => DomainEnums.GoalType.Team,
            "company" => DomainEnums.GoalType.Company,
            _ => DomainEnums.GoalType.Personal,
        };

        public static string ToData(DomainEnums.GoalType value) => value switch
        {
            DomainEnums.GoalType.Team => "team",
            DomainEnums.GoalType.Company => "company",
            _ => "personal",
        };

        public static DomainEnums.ActionStatus ToDomain(DataEnums.ActionStatus value) =>
            (DomainEnums.ActionStatus)Enum.Parse(typeof(DomainEnums.ActionStatus), value.ToString());

        public static DataEnums.ActionStatus ToData(DomainEnums.ActionStatus value) =>
            (DataEnums.ActionStatus)Enum.Parse(typeof(DataEnums.ActionStatus), value.ToString());

        public static DomainEnums.KpiCategory ToDomain(DataEnums.KpiCategory value) => value switch
        {
            DataEnums.KpiCategory.Financial => DomainEnums.KpiCategory.Financial,
            DataEnums.KpiCategory.Customer => DomainEnums.KpiCategory.Customer,
            DataEnums.KpiCategory.Process => DomainEnums.KpiCategory.Process,
            DataEnums.KpiCategory.People => DomainEnums.KpiCategory.People,
            DataEnums.KpiCategory.Learning => DomainEnums.KpiCategory.Learning,
            _ => throw Unknown(value),
        };

        public static DataEnums.KpiCategory ToData(DomainEnums.KpiCategory value) => value switch
        {
            DomainEnums.KpiCategory.Financial => DataEnums.KpiCategory.Financial,
            DomainEnums.KpiCategory.Customer => DataEnums.KpiCategory.Customer,
            DomainEnums.KpiCategory.Process => DataEnums.KpiCategory.Process,
            DomainEnums.KpiCategory.People => DataEnums.KpiCategory.People,
            DomainEnums.KpiCategory.Learning => DataEnums.KpiCategory.Learning,
            _ => throw Unknown(value),
        };

        public static DomainEnums.KpiDirection ToDomain(DataEnums.KpiDirection value) => value switch
        {
            DataEnums.KpiDirection.HigherIsBetter => DomainEnums.KpiDirection.HigherIsBetter,
            DataEnums.KpiDirection.LowerIsBetter => DomainEnums.KpiDirection.LowerIsBetter,
            DataEnums.KpiDirection.WithinRange => DomainEnums.KpiDirection.WithinRange,
            _ => throw Unknown(value),
        };

        public static DataEnums.KpiDirection ToData(DomainEnums.KpiDirection value) => value switch
        {
            DomainEnums.KpiDirection.HigherIsBetter => DataEnums.KpiDirection.HigherIsBetter,
            DomainEnums.KpiDirection.LowerIsBetter => DataEnums.KpiDirection.LowerIsBetter,
            DomainEnums.KpiDirection.WithinRange => DataEnums.KpiDirection.WithinRange,
            _ => throw Unknown(value),
        };

        public static DomainEnums.SubscriptionPlan ToDomain(DataEnums.SubscriptionPlan value) => value switch
        {
            DataEnums.SubscriptionPlan.Free => DomainEnums.SubscriptionPlan.Free,
            DataEnums.SubscriptionPlan.Starter => DomainEnums.SubscriptionPlan.Starter,
            DataEnums.SubscriptionPlan.Professional => DomainEnums.SubscriptionPlan.Professional,
            DataEnums.SubscriptionPlan.Enterprise => DomainEnums.SubscriptionPlan.Enterprise,
            _ => throw Unknown(value),
        };

        public static DataEnums.SubscriptionPlan ToData(DomainEnums.SubscriptionPlan value) => value switch
        {
            DomainEnums.SubscriptionPlan.Free => DataEnums.SubscriptionPlan.Free,
            DomainEnums.SubscriptionPlan.Starter => DataEnums.SubscriptionPlan.Starter,
            DomainEnums.SubscriptionPlan.Professional => DataEnums.SubscriptionPlan.Professional,
            DomainEnums.SubscriptionPlan.Enterprise => DataEnums.SubscriptionPlan.Enterprise,
            _ => throw Unknown(value),
        };

        public static DomainEnums.UserRole ToDomain(DataEnums.UserRole value) => (DomainEnums.UserRole)(int)value;

        public static DataEnums.UserRole ToData(DomainEnums.UserRole value) => (DataEnums.UserRole)(int)value;

        public static DomainEnums.NotificationChannels ToDomain(DataEnums.NotificationChannels value) =>
            (DomainEnums.NotificationChannels)(int)(value & (DataEnums.NotificationChannels.Email | DataEnums.NotificationChannels.Sms
                | DataEnums.NotificationChannels.Push | DataEnums.NotificationChannels.InApp));

        public static DataEnums.NotificationChannels ToData(DomainEnums.NotificationChannels value) => (DataEnums.NotificationChannels)(long)value;

        public static DomainEnums.StrategyStatus ToDomain(DataEnums.StrategyStatus value) =>
            (DomainEnums.StrategyStatus)Enum.Parse(typeof(DomainEnums.StrategyStatus), value.ToString());

        public static DataEnums.StrategyStatus ToData(DomainEnums.StrategyStatus value) =>
            (DataEnums.StrategyStatus)Enum.Parse(typeof(DataEnums.StrategyStatus), value.ToString());

        public static DomainEnums.MeasurementSource ToDomain(DataEnums.MeasurementSource value) =>
            (DomainEnums.MeasurementSource)Enum.Parse(typeof(DomainEnums.MeasurementSource), value.ToString());

        public static DataEnums.MeasurementSource ToData(DomainEnums.MeasurementSource value) =>
            (DataEnums.MeasurementSource)Enum.Parse(typeof(DataEnums.MeasurementSource), value.ToString());

        public static DomainEnums.SessionState ToDomain(DataEnums.SessionState value) =>
            (DomainEnums.SessionState)Enum.Parse(typeof(DomainEnums.SessionState), value.ToString());

        public static DataEnums.SessionState ToData(DomainEnums.SessionState value) =>
            (DataEnums.SessionState)Enum.Parse(typeof(DataEnums.SessionState), value.ToString());

        public static DomainEnums.ConversationChannel ToDomain(DataEnums.ConversationChannel value) =>
            (DomainEnums.ConversationChannel)Enum.Parse(typeof(DomainEnums.ConversationChannel), value.ToString());

        public static DataEnums.ConversationChannel ToData(DomainEnums.ConversationChannel value) =>
            (DataEnums.ConversationChannel)Enum.Parse(typeof(DataEnums.ConversationChannel), value.ToString());

        private static ArgumentOutOfRangeException Unknown<T>(T value) =>
            new ArgumentOutOfRangeException(nameof(value), value, $"No mapping for {typeof(T).Name}.{value}.");
    }
}
