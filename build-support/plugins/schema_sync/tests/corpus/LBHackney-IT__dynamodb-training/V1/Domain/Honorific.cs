// corpus: modelled on LBHackney-IT/dynamodb-training@662bbb2217eaa6f1722aed33ac3f6df074495388:DynamodbTraining/V1/Infrastructure/DatabaseEntity.cs; written for schema_sync, not copied
namespace Training.V1.Domain
{
    public enum Honorific
    {
        Mr,
        Mrs,
        Ms,
        Dr,
    }
}
