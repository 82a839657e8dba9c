"""factory_boy factories for the record and its users."""

import hashlib
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from commitments.models import Category, Owner, Pledge, Source, Target
from commitments.roles import EDITORS, JOURNALISTS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def role(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        add_role(self, create, extracted)


def add_role(user, create: bool, name: str | None) -> None:  # type: ignore[no-untyped-def]
    if create and name:
        user.groups.add(Group.objects.get(name=name))
    if create:
        user.save()


class JournalistFactory(UserFactory):
    @factory.post_generation
    def role(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        add_role(self, create, extracted or JOURNALISTS)


class EditorFactory(UserFactory):
    @factory.post_generation
    def role(self, create: bool, extracted: str | None, **kwargs: object) -> None:
        add_role(self, create, extracted or EDITORS)


class OwnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Owner

    slug = factory.Sequence(lambda n: f"owner-{n}")
    name = factory.Sequence(lambda n: f"기관 {n}")
    name_en = factory.Sequence(lambda n: f"Agency {n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    slug = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"분야 {n}")
    name_en = factory.Sequence(lambda n: f"Field {n}")


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    body = factory.Sequence(
        lambda n: f"서울시는 2030년까지 주택 {n}만호를 공급하겠다고 밝혔다."
    )
    url = factory.Sequence(lambda n: f"https://news.example.org/{n}")
    publisher = "Example News"
    language = "ko"
    content_hash = factory.LazyAttribute(
        lambda o: hashlib.sha256(o.body.encode()).hexdigest()
    )


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pledge

    slug = factory.Sequence(lambda n: f"pledge-{n}")
    title = factory.Sequence(lambda n: f"공약 {n}")
    title_en = factory.Sequence(lambda n: f"Pledge {n}")
    original_wording = "주택 10만호를 공급하겠다."
    owner = factory.SubFactory(OwnerFactory)


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    pledge = factory.SubFactory(PledgeFactory)
    metric = "Homes built"
    value = Decimal("100000")
    unit = "호"
