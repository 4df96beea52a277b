from petrel import storm
from petrel.emitter import BasicBolt


class SplitSentenceBolt(BasicBolt):
    def __init__(self):
        super(SplitSentenceBolt, self).__init__(script=__file__)

    @classmethod
    def declareOutputFields(cls):
        return ['word']

    def process(self, tup):
        for word in tup.values[0].split(' '):
            storm.emit([word])


def run():
    SplitSentenceBolt().run()
