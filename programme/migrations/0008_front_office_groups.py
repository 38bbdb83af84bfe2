"""The two staff roles of the front office as auth groups: operators forward, the prefecture decides."""

from django.db import migrations

GROUPS = {
    "operator": ["forward_application", "view_application", "view_applicationlearner",
                 "view_applicationdecision"],
    "prefecture reviewer": ["review_application", "view_application", "view_applicationlearner",
                            "view_applicationdecision"],
}


def make_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after all migrations; these groups need them now.
    config = apps.get_app_config("programme")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = group_model.objects.get_or_create(name=name)
        group.permissions.add(*permission_model.objects.filter(content_type__app_label="programme",
                                                               codename__in=codenames))


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("programme", "0007_front_office"),
    ]

    operations = [migrations.RunPython(make_groups, remove_groups)]
