# create.py of the Petrel project for the topology "groupings-tour", written by Storm Studio.
# Storm Studio topology: "groupings-tour"
# Run it locally:      petrel submit --config topology.yaml --logdir `pwd`
# Submit to a cluster: petrel submit --config topology.yaml groupings-tour
import alerts
import audit
import clicks
import router
import sessions
import totals


def create(builder):
    builder.setSpout('clicks', clicks.ClickSpout(), 1)
    builder.addOutputStream('clicks', 'errors', ['user', 'code'])
    builder.setBolt('audit', audit.AuditBolt(), 2).allGrouping('clicks')
    builder.setBolt('totals', totals.TotalsBolt(), 2).globalGrouping('clicks')
    builder.setBolt('router', router.RouterBolt(), 2).shuffleGrouping('clicks')
    builder.addOutputStream('router', 'assign', ['user', 'page'], direct=True)
    builder.setBolt('sessions', sessions.SessionsBolt(), 3).directGrouping('router', streamId='assign')
    builder.setBolt('alerts', alerts.AlertsBolt(), 1).shuffleGrouping('clicks', streamId='errors')
