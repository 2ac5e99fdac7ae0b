// Upload progress for forms sent by htmx: <form data-upload-progress="ID-of-a-progress-element">.
document.addEventListener("htmx:xhr:progress", (event) => {
  const form = event.target.closest("form[data-upload-progress]");
  if (!form || !event.detail.lengthComputable) return;
  const bar = document.getElementById(form.dataset.uploadProgress);
  if (bar) bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
});
