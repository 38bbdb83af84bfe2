"""Cards out of the drill state into their own rows; every learner's progress is kept (and put back
on the way down). The per-type counter and the new-item frontier are rebuilt on first use."""

from datetime import datetime

import django.db.models.deletion
from django.db import migrations, models

BATCH = 500


def cards_to_rows(apps, schema_editor):
    DrillProgress = apps.get_model("lti_tool", "DrillProgress")
    DrillCard = apps.get_model("lti_tool", "DrillCard")
    for progress in DrillProgress.objects.iterator(chunk_size=200):
        state = dict(progress.state or {})
        cards = state.pop("cards", None)
        if cards is None:
            continue
        DrillCard.objects.bulk_create(
            [DrillCard(progress=progress, item_id=item_id, due=datetime.fromisoformat(card["due"]), card=card)
             for item_id, card in cards.items()], batch_size=BATCH)
        state.pop("met", None)
        state.pop("frontier", None)
        progress.state = state
        progress.save(update_fields=["state"])


def rows_to_cards(apps, schema_editor):
    DrillProgress = apps.get_model("lti_tool", "DrillProgress")
    DrillCard = apps.get_model("lti_tool", "DrillCard")
    for progress in DrillProgress.objects.iterator(chunk_size=200):
        state = {k: v for k, v in (progress.state or {}).items() if k not in ("met", "frontier")}
        if "round" in state:
            state["cards"] = dict(DrillCard.objects.filter(progress=progress).order_by("id")
                                  .values_list("item_id", "card"))
        progress.state = state
        progress.save(update_fields=["state"])


class Migration(migrations.Migration):

    dependencies = [
        ('lti_tool', '0004_activity_state_per_link_and_activity'),
    ]

    operations = [
        migrations.CreateModel(
            name='DrillCard',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('item_id', models.CharField(max_length=64)),
                ('due', models.DateTimeField(help_text="The card's due time, copied out of it for the index")),
                ('card', models.JSONField(help_text='The FSRS card as the curriculum writes it')),
                ('progress', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cards', to='lti_tool.drillprogress')),
            ],
            options={
                'indexes': [models.Index(fields=['progress', 'due'], name='drill_card_due')],
                'constraints': [models.UniqueConstraint(fields=('progress', 'item_id'), name='unique_drill_card')],
            },
        ),
        migrations.RunPython(cards_to_rows, rows_to_cards),
    ]
