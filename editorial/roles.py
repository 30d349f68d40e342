"""The two editorial roles and the "Validation" workflow, set up idempotently.

`setup_editorial()` may run any number of times (the data migration, `load_demo`, and
`manage.py setup_editorial` after an administrator creates the sections): it creates what is
missing and puts each group's permissions back to exactly what is listed here.

- Rédacteurs write: they create and edit pages in the presentation, news, partners, acts
  and agenda sections (they prepare an act; a Validateur publishes it), upload images and
  documents, and submit their pages for moderation. They cannot publish, and cannot touch
  settings, menus or redirects.
- Validateurs do all that, and publish or unpublish, and manage the quick links, menus,
  footer and site identity, snippets (themes, domains, press contacts, the ACTES matières,
  the agenda's categories), the register's identity (SIRET…), search promotions and
  redirects; they alone read, export and delete the e-mail alerts' subscribers, edit the
  home page, the legal pages (among them the accessibility statement) and the contact page,
  and read its messages. They are the reviewers of the "Validation" workflow.
Administrators (superusers) keep every right.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import ReviewTask

WRITERS = "Rédacteurs"
REVIEWERS = "Validateurs"
WORKFLOW = "Validation"
TASK = "Relecture par un validateur"

# Page sections editors work in, by the page type at their top.
SECTION_TYPES = [
    "pages.PresentationPage",
    "news.NewsIndexPage",
    "partners.PartnerIndexPage",
    "acts.ActsIndexPage",
    "agenda.EventIndexPage",
]
# The sections whose pages go through the "Validation" workflow before going live: the news,
# the partners and the presentation too, since Rédacteurs write there and cannot publish;
# otherwise their submissions would reach Wagtail's default "Moderators".
WORKFLOW_SECTION_TYPES = SECTION_TYPES
# Pages only Validateurs edit: the whole tree from the home page, so the home page itself and
# the Pôle's legal pages (mentions légales, the accessibility statement, données personnelles),
# and the contact form, whose messages hold visitors' personal data (reading them in
# Formulaires needs a right on the page).
REVIEWER_ONLY_SECTION_TYPES = ["pages.HomePage", "pages.ContactPage"]

WRITER_PAGE_PERMISSIONS = ["add_page", "change_page"]
REVIEWER_PAGE_PERMISSIONS = [*WRITER_PAGE_PERMISSIONS, "publish_page", "lock_page", "unlock_page"]

WRITER_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
]
REVIEWER_COLLECTION_PERMISSIONS = [
    *WRITER_COLLECTION_PERMISSIONS,
    "wagtailimages.change_image",
    "wagtaildocs.change_document",
]

WRITER_PERMISSIONS = ["wagtailadmin.access_admin"]
REVIEWER_PERMISSIONS = [
    *WRITER_PERMISSIONS,
    "pages.change_quicklinkssettings",
    "pages.change_navigationsettings",
    "pages.change_siteidentitysettings",
    "acts.change_actssettings",
    *[
        f"{app}.{action}_{model}"
        for app, model in [
            ("news", "theme"),
            ("news", "presscontact"),
            ("partners", "domain"),
            ("acts", "matter"),
            ("agenda", "eventcategory"),
            ("wagtailredirects", "redirect"),
            ("wagtailsearchpromotions", "searchpromotion"),
        ]
        for action in ("add", "change", "delete")
    ],
    # The e-mail alerts' subscribers: read, exported (CSV) and deleted on request, never
    # written (alerts/wagtail_hooks.py); their addresses are for the Validateurs only.
    "alerts.view_subscriber",
    "alerts.delete_subscriber",
]


def permissions(names):
    """Permission objects from "app_label.codename" names; a missing one is a bug here."""
    found = []
    for name in names:
        app_label, codename = name.split(".")
        found.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return found


def sections(type_names):
    pages = Page.objects.all()
    for name in type_names:
        app_label, model = name.split(".")
        yield from pages.filter(
            content_type__app_label=app_label, content_type__model=model.lower()
        )


def set_page_permissions(group, codenames, section_types):
    GroupPagePermission.objects.filter(group=group).delete()
    page_permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    )
    for page in sections(section_types):
        for permission in page_permissions:
            GroupPagePermission.objects.create(group=group, page=page, permission=permission)


def set_collection_permissions(group, names):
    GroupCollectionPermission.objects.filter(group=group).delete()
    root = Collection.get_first_root_node()
    for permission in permissions(names):
        GroupCollectionPermission.objects.create(
            group=group, collection=root, permission=permission
        )


def review_task():
    """The workflow's task, as a ReviewTask: one made before that type existed becomes one,
    keeping its id, groups and task states."""
    task = Task.objects.filter(name=TASK).first()
    if task is None:
        return ReviewTask.objects.create(name=TASK)
    review = ReviewTask.objects.filter(pk=task.pk).first()
    if review is not None:
        return review
    approval = GroupApprovalTask.objects.get(pk=task.pk)
    review = ReviewTask(groupapprovaltask_ptr=approval)
    review.__dict__.update({k: v for k, v in approval.__dict__.items() if not k.startswith("_")})
    review.save_base(raw=True)  # the new table's row only: the task itself stays as it is
    Task.objects.filter(pk=task.pk).update(
        content_type=ContentType.objects.get_for_model(ReviewTask)
    )
    return ReviewTask.objects.get(pk=task.pk)


def setup_workflow(reviewers):
    task = review_task()
    task.groups.set([reviewers])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for page in sections(WORKFLOW_SECTION_TYPES):
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def setup_editorial():
    writers, _ = Group.objects.get_or_create(name=WRITERS)
    reviewers, _ = Group.objects.get_or_create(name=REVIEWERS)
    writers.permissions.set(permissions(WRITER_PERMISSIONS))
    reviewers.permissions.set(permissions(REVIEWER_PERMISSIONS))
    set_page_permissions(writers, WRITER_PAGE_PERMISSIONS, SECTION_TYPES)
    set_page_permissions(
        reviewers, REVIEWER_PAGE_PERMISSIONS, SECTION_TYPES + REVIEWER_ONLY_SECTION_TYPES
    )
    set_collection_permissions(writers, WRITER_COLLECTION_PERMISSIONS)
    set_collection_permissions(reviewers, REVIEWER_COLLECTION_PERMISSIONS)
    return setup_workflow(reviewers)
