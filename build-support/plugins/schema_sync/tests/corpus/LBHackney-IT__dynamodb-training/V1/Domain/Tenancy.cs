// corpus: modelled on LBHackney-IT/dynamodb-training@662bbb2217eaa6f1722aed33ac3f6df074495388:DynamodbTraining/V1/Infrastructure/DatabaseEntity.cs; written for schema_sync, not copied
using System;

namespace Training.V1.Domain
{
    public class Tenancy
    {
        public string Reference { get; set; }
        public DateTime StartsOn { get; set; }
    }
}
