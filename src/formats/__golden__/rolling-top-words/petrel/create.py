# create.py of the Petrel project for the topology "rolling-top-words", written by Storm Studio.
# Storm Studio topology: "rolling-top-words"
# Run it locally:      petrel submit --config topology.yaml --logdir `pwd`
# Submit to a cluster: petrel submit --config topology.yaml rolling-top-words
import intermediate_rankings
import rolling_count
import split
import total_rankings
import tweets


def create(builder):
    builder.setSpout('tweets', tweets.TweetSpout(), 1)
    builder.setBolt('split', split.SplitTweetBolt(), 2).shuffleGrouping('tweets')
    builder.setBolt('rolling-count', rolling_count.RollingCountBolt(), 4).fieldsGrouping('split', ['word'])
    builder.setBolt('intermediate-rankings', intermediate_rankings.IntermediateRankingsBolt(), 4).fieldsGrouping('rolling-count', ['word'])
    builder.setBolt('total-rankings', total_rankings.TotalRankingsBolt(), 1).globalGrouping('intermediate-rankings')
