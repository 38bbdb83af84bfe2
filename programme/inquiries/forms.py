"""Forms of the operator view; they only parse, the use cases in ``flows`` decide."""

from django import forms

from programme.models import Company

from .models import Inquiry


class AnswerForm(forms.Form):
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), label="Answer given")
    amend = forms.BooleanField(required=False, label="Replace the earlier answer (it is kept in the history)")


class AddForm(forms.Form):
    company = forms.ModelChoiceField(Company.objects.order_by("name"), label="Company")
    learner = forms.CharField(required=False, max_length=64, label="Learner login ID (if a learner asked)")
    channel = forms.ChoiceField(choices=Inquiry.Channel.choices)
    category = forms.ChoiceField(choices=Inquiry.Category.choices, initial=Inquiry.Category.OTHER)
    question = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), label="Question")
