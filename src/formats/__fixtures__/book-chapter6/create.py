from randomsentence import RandomSentenceSpout
from splitsentence import SplitSentenceBolt
from wordcount import WordCountBolt


def create(builder):
    builder.setSpout("randomsentence", RandomSentenceSpout(), 1)
    builder.setBolt("splitsentence", SplitSentenceBolt(), 1).shuffleGrouping("randomsentence")
    builder.setBolt("wordcount", WordCountBolt(), 1).fieldsGrouping("splitsentence", ["word"])
