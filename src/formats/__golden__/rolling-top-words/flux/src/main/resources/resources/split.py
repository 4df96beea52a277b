from petrel import storm
from petrel.emitter import BasicBolt


class SplitTweetBolt(BasicBolt):
    def __init__(self):
        super(SplitTweetBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['word']

    def process(self, tup):
        for word in tup.values[0].split():
            storm.emit([word.lstrip('#').lower()])


def run():
    SplitTweetBolt().run()
