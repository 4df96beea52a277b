# create.py of the Petrel project for the topology "word-count", written by Storm Studio.
# Storm Studio topology: "word-count"
# Run it locally:      petrel submit --config topology.yaml --logdir `pwd`
# Submit to a cluster: petrel submit --config topology.yaml word-count
import count
import sentences
import split


def create(builder):
    builder.setSpout('sentences', sentences.RandomSentenceSpout(), 1)
    builder.setBolt('split', split.SplitSentenceBolt(), 2).shuffleGrouping('sentences')
    builder.setBolt('count', count.WordCountBolt(), 3).fieldsGrouping('split', ['word'])
