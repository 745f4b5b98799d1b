// corpus: modelled on LBHackney-IT/dynamodb-training@662bbb2217eaa6f1722aed33ac3f6df074495388:DynamodbTraining/V1/Infrastructure/DatabaseEntity.cs; written for schema_sync, not copied
using System;
using System.Collections.Generic;
using System.Linq;
using Amazon.DynamoDBv2.DataModel;
using Amazon.DynamoDBv2.DocumentModel;
using Training.V1.Domain;

namespace Training.V1.Infrastructure
{
    public class EnumNameConverter<TEnum> : IPropertyConverter where TEnum : struct
    {
        public DynamoDBEntry ToEntry(object value)
        {
            return new Primitive(value.ToString());
        }

        public object FromEntry(DynamoDBEntry entry)
        {
            return Enum.Parse(typeof(TEnum), entry.AsString());
        }
    }

    public class TenancyReferencesConverter : IPropertyConverter
    {
        public DynamoDBEntry ToEntry(object value)
        {
            return new DynamoDBList(((List<Tenancy>)value).Select(t => (DynamoDBEntry)new Primitive(t.Reference)));
        }

        public object FromEntry(DynamoDBEntry entry)
        {
            return entry.AsListOfString().Select(r => new Tenancy { Reference = r }).ToList();
        }
    }
}
