from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "programme.accounts"
    label = "nihongo_accounts"
    verbose_name = "Login IDs and credentials (ID発行)"
