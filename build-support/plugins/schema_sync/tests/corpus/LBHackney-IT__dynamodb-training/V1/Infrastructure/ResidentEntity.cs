// corpus: modelled on LBHackney-IT/dynamodb-training@662bbb2217eaa6f1722aed33ac3f6df074495388:DynamodbTraining/V1/Infrastructure/DatabaseEntity.cs; written for schema_sync, not copied
using Amazon.DynamoDBv2.DataModel;
using Training.V1.Domain;
using System;
using System.Collections.Generic;

namespace Training.V1.Infrastructure
{

    [DynamoDBTable("residents", LowerCamelCaseProperties = true)]
    public class ResidentEntity
    {
        [DynamoDBHashKey]
        public Guid Id { get; set; }

        [DynamoDBProperty(Converter = typeof(EnumNameConverter<Honorific>))]
        public Honorific? Honorific { get; set; }
        public string FirstName { get; set; }
        public string Surname { get; set; }

        //[DynamoDBProperty(Converter = typeof(DateConverter))]
        public string DateOfBirth { get; set; }

        [DynamoDBProperty(Converter = typeof(TenancyReferencesConverter))]
        public List<Tenancy> Tenancies { get; set; } = new List<Tenancy>();

    }
}
