def test_home_page_renders(client, home):
    response = client.get(home.url)
    assert response.status_code == 200
    assert f'<h1 class="hero__title">{home.title}</h1>' in response.content.decode()
